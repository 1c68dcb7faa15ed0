// Handwritten digits with a two-layer network, trained the Flux way:
//
//   m = Chain(Dense(64 => 64, relu), Dense(64 => 10))
//   loss(x, y) = Flux.Losses.logitcrossentropy(m(x), y)
//   Flux.train!(loss, params(m), DataLoader((X, Y), batchsize = 32, shuffle = true), Adam())
//
// Run: swift run -c release digits [--optimiser adam] [--epochs 60] [--lr 0.001] [--seed 1] [--hidden 64]
//                                  [--output DIR] [--quick]
import ExampleSupport
import Flux
import Foundation

let options: Options
switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed): options = parsed
case .failure(let error):
    FileHandle.standardError.write(Data("digits: \(error.message)\n\(Options.usage)\n".utf8))
    exit(2)
}

let data: DigitsData
do {
    data = try DigitsData.load(from: options.dataPath ?? DigitsData.bundledPath)
} catch {
    FileHandle.standardError.write(Data("digits: \(error)\n".utf8))
    exit(1)
}

seed(options.seed)
let m = Chain(Dense(64 => options.hidden, relu), Dense(options.hidden => 10))
let loss = { (x: Tensor<Float>, y: Tensor<Float>) in logitcrossentropy(m(x), y) }
let accuracy = { (x: Tensor<Float>, labels: [Int]) -> Double in
    let predicted = onecold(batch: m(x), 0...9)
    return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
}
let ps = params(m)
let opt = options.makeOptimiser()!
let loader = try DataLoader((data.trainX, data.trainY), batchsize: options.batchSize, shuffle: true, seed: options.seed)

print("digits: \(data.trainLabels.count) training and \(data.testLabels.count) test images, "
      + "\(options.optimiser) for \(options.epochs) epochs, batch size \(options.batchSize), seed \(options.seed)")
let start = Date()
var lossCurve = [PlotPoint(x: 0, y: Double(loss(data.trainX, data.trainY).item))]
var accuracyCurve = [PlotPoint(x: 0, y: 100 * accuracy(data.testX, data.testLabels))]
for epoch in 1...options.epochs {
    try train(loss, ps, loader, opt)
    let trainLoss = loss(data.trainX, data.trainY).item
    let testAccuracy = accuracy(data.testX, data.testLabels)
    lossCurve.append(PlotPoint(x: Double(epoch), y: Double(trainLoss)))
    accuracyCurve.append(PlotPoint(x: Double(epoch), y: 100 * testAccuracy))
    let elapsed = Date().timeIntervalSince(start)
    print(String(format: "epoch %3d  loss %.4f  test accuracy %5.1f%%  %6.2f s", epoch, trainLoss, 100 * testAccuracy, elapsed))
}
let finalAccuracy = accuracy(data.testX, data.testLabels)
print(String(format: "final: train accuracy %.1f%%, test accuracy %.1f%% in %.2f s",
             100 * accuracy(data.trainX, data.trainLabels), 100 * finalAccuracy, Date().timeIntervalSince(start)))

let name = "\(options.optimiser), batch size \(options.batchSize)"
let charts = [
    ("digits-loss.svg", LineChart(title: "Digits: training loss (logit cross-entropy)", xTitle: "epoch",
                                  yTitle: "loss", logarithmicY: true, series: [Series(name: name, points: lossCurve)])),
    ("digits-accuracy.svg", LineChart(title: "Digits: test accuracy", xTitle: "epoch", yTitle: "accuracy (%)",
                                      series: [Series(name: name, points: accuracyCurve)])),
]
for (file, chart) in charts {
    let path = options.output.outputPath(file)
    do {
        try writeAtomically(chart.svg(), to: path)
        print("wrote \(path)")
    } catch {
        FileHandle.standardError.write(Data("digits: \(error)\n".utf8))
        exit(1)
    }
}
