import ExampleSupport
import Flux

/// A classic optimiser benchmark in two variables, written with the package's differentiable
/// tensor operations so that `gradient` can differentiate it, with everything the race needs to
/// run on it and to draw it.
struct TestFunction {
    /// The short name used in file names: `rosenbrock`.
    let name: String
    /// The name and formula, for titles.
    let title: String
    /// The function of the parameter vector `p = [x, y]`, as a 0-dimensional tensor.
    let loss: (Tensor<Double>) -> Tensor<Double>
    /// The shared start point of every optimiser.
    let start: PlotPoint
    /// Where the function is smallest (its value there is 0).
    let minimum: PlotPoint
    /// The part of the plane the contour plot shows.
    let xRange: ClosedRange<Double>
    /// The part of the plane the contour plot shows.
    let yRange: ClosedRange<Double>
    /// The contour levels, log-spaced because both functions span many orders of magnitude.
    let levels: [Double]
    /// This function's column of the learning-rate table.
    let rate: KeyPath<LearningRates, Double>

    /// The function at (`x`, `y`), evaluated with the same tensor code the optimisers see.
    func value(_ x: Double, _ y: Double) -> Double { loss(Tensor([x, y])).item }

    /// Rosenbrock's banana valley, (1 − x)² + 100(y − x²)², minimum 0 at (1, 1). From (−1.5, 2)
    /// an optimiser must cross the ridge, turn into the curved valley and follow its flat floor.
    static var rosenbrock: TestFunction {
        TestFunction(name: "rosenbrock", title: "Rosenbrock (1 − x)² + 100 (y − x²)²", loss: rosenbrock(_:),
                     start: PlotPoint(x: -1.5, y: 2), minimum: PlotPoint(x: 1, y: 1),
                     xRange: -2...2, yRange: -1...3, levels: logSpaced(from: 1e-2, to: 1e3, count: 16),
                     rate: \.rosenbrock)
    }

    /// Beale's function, (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at
    /// (3, 0.5). From (1, 1.5) an optimiser must get down a steep wall into a long, nearly flat
    /// valley that bends towards the minimum.
    static var beale: TestFunction {
        TestFunction(name: "beale", title: "Beale (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", loss: beale(_:),
                     start: PlotPoint(x: 1, y: 1.5), minimum: PlotPoint(x: 3, y: 0.5),
                     xRange: -0.5...4, yRange: -2.5...2, levels: logSpaced(from: 1e-3, to: 1e4, count: 22),
                     rate: \.beale)
    }
}

// rosenbrock(p) = (1 - p[1])^2 + 100 * (p[2] - p[1]^2)^2
func rosenbrock(_ p: Tensor<Double>) -> Tensor<Double> {
    let (x, y) = (p[column: 0], p[column: 1])
    return (1 .- x) .^ 2 .+ 100 .* (y .- x .^ 2) .^ 2
}

// function beale(p)
//     x, y = p
//     (1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2
// end
func beale(_ p: Tensor<Double>) -> Tensor<Double> {
    let (x, y) = (p[column: 0], p[column: 1])
    let first = (1.5 .- x .+ x .* y) .^ 2
    let second = (2.25 .- x .+ x .* y .^ 2) .^ 2
    let third = (2.625 .- x .+ x .* y .^ 3) .^ 2
    return first .+ second .+ third
}
