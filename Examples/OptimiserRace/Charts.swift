import ExampleSupport
import Optimise

/// Writes `race-<function>-contour.svg` (every trajectory over the contours) and
/// `race-<function>-loss.svg` (loss per step on a log scale) for the `runs` on `function`, and
/// returns their paths.
func writeCharts(for function: TestFunction, _ runs: [RaceResult], options: ExampleOptions) throws(FileWriteError) -> [String] {
    let steps = runs.map { $0.losses.count - 1 }.max() ?? 0
    let contour = ContourPlot(
        title: "\(function.title): \(steps) steps",
        xRange: function.xRange, yRange: function.yRange, levels: function.levels, function: function.value,
        trajectories: runs.map { Series(name: $0.rule, points: $0.trajectory) },
        start: function.start, minimum: function.minimum)
    let losses = LineChart(
        title: "\(function.title): loss per step", xTitle: "step", yTitle: "loss", logarithmicY: true,
        series: runs.map { run in
            Series(name: run.rule, points: run.losses.enumerated().map { PlotPoint(x: Double($0.offset), y: $0.element) })
        })
    let contourPath = options.outputPath("race-\(function.name)-contour.svg")
    let lossPath = options.outputPath("race-\(function.name)-loss.svg")
    try writeAtomically(contour.svg(), to: contourPath)
    try writeAtomically(losses.svg(), to: lossPath)
    return [contourPath, lossPath]
}
