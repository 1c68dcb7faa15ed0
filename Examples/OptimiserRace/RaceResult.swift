import ExampleSupport

/// One rule's run on one function.
struct RaceResult {
    /// The rule's Flux name.
    let rule: String
    /// The parameter before the first step and after every step.
    let trajectory: [PlotPoint]
    /// The loss at each point of `trajectory`. A run stops at the first loss that is not finite.
    let losses: [Double]

    /// Whether the run stopped on a loss that is not finite.
    var diverged: Bool { !(losses.last?.isFinite ?? true) }

    /// The number of steps after which the loss first fell below `tolerance`, or `nil`.
    func steps(toReach tolerance: Double) -> Int? {
        losses.firstIndex { $0 < tolerance }
    }
}
