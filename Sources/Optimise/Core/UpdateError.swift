import Tensors

/// Why an `update` or `apply` call was refused. Nothing was changed when it is thrown: every
/// parameter and every optimiser state is exactly as before the call.
public enum UpdateError: Error, CustomStringConvertible, Equatable {
    /// The gradient's shape differs from its parameter's. `position` is the parameter's 0-based
    /// position in `Params` (nil for a single-parameter call).
    case shapeMismatch(position: Int?, parameter: [Int], gradient: [Int])
    /// The gradient's element type differs from its parameter's.
    case elementTypeMismatch(position: Int?, parameter: String, gradient: String)
    /// A ``GuardFinite`` in the optimiser found `nonFinite` of the gradient's `count` elements to
    /// be `NaN` or `±Inf`; `position` is the parameter's 0-based place in `Params` order (`nil` for
    /// a single-tensor call).
    case nonFiniteGradient(position: Int?, nonFinite: Int, count: Int)

    /// What was expected and what was found.
    public var description: String {
        switch self {
        case let .shapeMismatch(position, parameter, gradient):
            return "\(where_(position))gradient has shape \(formatShape(gradient)) but the parameter has shape \(formatShape(parameter)); nothing was updated"
        case let .elementTypeMismatch(position, parameter, gradient):
            return "\(where_(position))gradient holds \(gradient) but the parameter holds \(parameter); nothing was updated"
        case let .nonFiniteGradient(position, nonFinite, count):
            return "\(where_(position))gradient holds \(nonFinite) NaN or infinite value\(nonFinite == 1 ? "" : "s") among \(count) (GuardFinite expects finite gradients); nothing was updated"
        }
    }

    private func where_(_ position: Int?) -> String {
        position.map { "parameter \($0) (0-based, in Params order): " } ?? ""
    }
}
