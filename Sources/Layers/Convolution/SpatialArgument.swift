import Tensors

/// A convolution's `stride` or `dilation` as Flux writes it: one `Int` for both spatial
/// dimensions (`stride: 2`), or one value per dimension as an array (`stride: [2, 1]` for Julia's
/// `stride = (2, 1)`).
public protocol SpatialArgument {
    /// The values for (width, height); stops, naming `name`, when there are not one or two.
    func spatialValues(name: String) -> [Int]
}

extension Int: SpatialArgument {
    /// The same value for width and height.
    public func spatialValues(name: String) -> [Int] { [self, self] }
}

extension Array: SpatialArgument where Element == Int {
    /// One value for both dimensions, or `[width, height]`.
    public func spatialValues(name: String) -> [Int] { expandConvolutionArgument(self, to: 2, name: name) }
}
