import ExampleSupport
import Flux

/// The command line of the digits example.
struct Options {
    var optimiser = "adam"
    var epochs = 60
    var learningRate: Double? = nil
    var seed: UInt64 = 1
    var batchSize = 32
    var hidden = 64
    var dataPath: String? = nil
    /// `--output DIR`: where the loss and accuracy charts are written (checked to exist).
    var output = ExampleOptions()
    /// `--quick`: three epochs, for tests (unless `--epochs` is given).
    var quick = false

    static let usage = """
        usage: digits [--optimiser adam|descent|momentum|nesterov|rmsprop|adagrad|adamw|nadam]
                      [--epochs N] [--lr RATE] [--seed N] [--batchsize N] [--hidden N] [--data PATH]
                      [--output DIR] [--quick]
        Trains a 64→64→10 network on the UCI handwritten digits (every sixth image held out for
        testing: 1498 train, 299 test), reports the test accuracy after each epoch and writes the
        curves to DIR/digits-loss.svg and DIR/digits-accuracy.svg. --quick trains for 3 epochs.
        """

    /// The rule for `optimiser` with the learning rate given or its Flux default.
    func makeOptimiser() -> (any AbstractOptimiser)? {
        switch optimiser.lowercased() {
        case "adam": return Adam(learningRate ?? 0.001)
        case "adamw": return AdamW(learningRate ?? 0.001)
        case "nadam": return NAdam(learningRate ?? 0.001)
        case "descent", "sgd": return Descent(learningRate ?? 0.1)
        case "momentum": return Momentum(learningRate ?? 0.01)
        case "nesterov": return Nesterov(learningRate ?? 0.001)
        case "rmsprop": return RMSProp(learningRate ?? 0.001)
        case "adagrad": return AdaGrad(learningRate ?? 0.1)
        default: return nil
        }
    }

    /// Parses `arguments` (without the program name); a message saying what is wrong otherwise.
    static func parse(_ arguments: [String]) -> Result<Options, OptionsError> {
        var options = Options()
        var rest = arguments[...]
        var epochsGiven = false
        while let flag = rest.popFirst() {
            if flag == "--quick" {
                options.quick = true
                continue
            }
            guard let value = rest.popFirst() else { return .failure(OptionsError("\(flag) needs a value")) }
            switch flag {
            case "--optimiser", "--optimizer": options.optimiser = value
            case "--epochs":
                guard let n = Int(value), n >= 1 else { return .failure(OptionsError("--epochs expects a positive integer, got \(value)")) }
                options.epochs = n
                epochsGiven = true
            case "--lr":
                guard let r = Double(value), r > 0, r.isFinite else { return .failure(OptionsError("--lr expects a positive number, got \(value)")) }
                options.learningRate = r
            case "--seed":
                guard let s = UInt64(value) else { return .failure(OptionsError("--seed expects a non-negative integer, got \(value)")) }
                options.seed = s
            case "--batchsize":
                guard let n = Int(value), n >= 1 else { return .failure(OptionsError("--batchsize expects a positive integer, got \(value)")) }
                options.batchSize = n
            case "--hidden":
                guard let n = Int(value), n >= 1 else { return .failure(OptionsError("--hidden expects a positive integer, got \(value)")) }
                options.hidden = n
            case "--data": options.dataPath = value
            case "--output": options.output.outputDirectory = value
            default: return .failure(OptionsError("unknown option \(flag)"))
            }
        }
        if options.quick && !epochsGiven { options.epochs = 3 }
        do { try options.output.requireOutputDirectory() } catch { return .failure(OptionsError(error.description)) }
        guard options.makeOptimiser() != nil else { return .failure(OptionsError("unknown optimiser \(options.optimiser)")) }
        return .success(options)
    }
}

/// A command-line mistake.
struct OptionsError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
