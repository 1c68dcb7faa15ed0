import Flux

/// A rule to benchmark: its name, a factory, and the bytes per Float32 parameter it must move.
struct RuleCase {
    let name: String
    let make: () -> any AbstractOptimiser
    /// (arrays read, arrays written) per element, x and g included.
    let streams: (reads: Int, writes: Int)
    var bytes: Int { 4 * (streams.reads + streams.writes) }
}

func allRuleCases() -> [RuleCase] { [
    RuleCase(name: "Descent", make: { Descent() }, streams: (2, 1)),
    RuleCase(name: "Momentum", make: { Momentum() }, streams: (3, 2)),
    RuleCase(name: "Nesterov", make: { Nesterov() }, streams: (3, 2)),
    RuleCase(name: "RMSProp", make: { RMSProp() }, streams: (3, 2)),
    RuleCase(name: "Adam", make: { Adam() }, streams: (4, 3)),
    RuleCase(name: "RAdam", make: { RAdam() }, streams: (4, 3)),
    RuleCase(name: "AdaMax", make: { AdaMax() }, streams: (4, 3)),
    RuleCase(name: "OAdam", make: { OAdam() }, streams: (5, 4)),
    RuleCase(name: "AdaGrad", make: { AdaGrad() }, streams: (3, 2)),
    RuleCase(name: "AdaDelta", make: { AdaDelta() }, streams: (4, 3)),
    RuleCase(name: "AMSGrad", make: { AMSGrad() }, streams: (5, 4)),
    RuleCase(name: "NAdam", make: { NAdam() }, streams: (4, 3)),
    RuleCase(name: "AdaBelief", make: { AdaBelief() }, streams: (4, 3)),
    RuleCase(name: "AdamW (chain)", make: { AdamW(0.001, (0.9, 0.999), 0.01) }, streams: (4, 3)),
    RuleCase(name: "WeightDecay", make: { WeightDecay(0.01) }, streams: (2, 1)),
    RuleCase(name: "SignDecay", make: { SignDecay() }, streams: (2, 1)),
    RuleCase(name: "ClipValue", make: { ClipValue(0.5) }, streams: (2, 1)),
    RuleCase(name: "ClipNorm", make: { ClipNorm(1) }, streams: (3, 1)),
    RuleCase(name: "InvDecay", make: { InvDecay() }, streams: (2, 1)),
    RuleCase(name: "ExpDecay", make: { ExpDecay() }, streams: (2, 1)),
    RuleCase(name: "Optimiser(ClipValue, Adam)", make: { Optimiser(ClipValue(1e-3), Adam(1e-3)) }, streams: (4, 3)),
] }

/// The same-bytes reference: a plain in-place Swift loop that reads `reads` arrays and writes
/// the first `writes` of them with a few multiply-adds per element (no roots or divisions, so
/// it vectorises and runs at the memory limit).
func memoryKernel(_ arrays: [Tensor<Float>], reads: Int, writes: Int) {
    let p = arrays.map { t in t.withUnsafeMutableBufferPointer { $0.baseAddress! } }
    let n = arrays[0].count
    switch (reads, writes) {
    case (2, 1):
        let a = p[0], b = p[1]
        for i in 0..<n { a[i] = a[i] - 0.5 * b[i] }
    case (3, 1):
        let a = p[0], b = p[1], c = p[2]
        var s: Float = 0
        for i in 0..<n { s += c[i] * c[i] }
        let f = 1 / (s + 1)
        for i in 0..<n { a[i] = a[i] - f * b[i] }
    case (3, 2):
        let a = p[0], b = p[1], c = p[2]
        for i in 0..<n { let v = 0.9 * c[i] + b[i]; c[i] = v; a[i] = a[i] - 0.01 * v }
    case (4, 3):
        let a = p[0], b = p[1], c = p[2], d = p[3]
        for i in 0..<n {
            let m = 0.9 * c[i] + 0.1 * b[i], v = 0.999 * d[i] + 0.001 * b[i] * b[i]
            c[i] = m; d[i] = v; a[i] = a[i] - 0.001 * m * v
        }
    case (5, 4):
        let a = p[0], b = p[1], c = p[2], d = p[3], e = p[4]
        for i in 0..<n {
            let m = 0.9 * c[i] + 0.1 * b[i], v = 0.999 * d[i] + 0.001 * b[i] * b[i], w = 0.5 * e[i] + v
            c[i] = m; d[i] = v; e[i] = w; a[i] = a[i] - 0.001 * m * w
        }
    default:
        preconditionFailure("no memory kernel for \(reads) reads and \(writes) writes")
    }
}

/// ns per parameter for every rule's `update`, one tensor of `total` elements and `pieces`
/// tensors of `total / pieces`, beside the same-bytes memory kernel.
func benchmarkRules(total: Int, pieces: Int, budget: Double) {
    print("## Optimiser update, Float32, one thread: \(total) parameters\n")
    print("ns/param: one tensor of \(total) | \(pieces) tensors of \(total / pieces); kernel = same-bytes plain Swift loop.\n")
    print("| rule | B/param | 1 tensor | kernel | ratio | \(pieces) tensors | kernel | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for rule in allRuleCases() {
        var cells = [rule.name, String(rule.bytes)]
        for count in [1, pieces] {
            let size = total / count
            let xs = (0..<count).map { _ in rand(Float.self, size) }
            let gs = (0..<count).map { _ in randn(Float.self, size) }
            let ps = Params(xs)
            let grads = Grads(ps)
            for (x, g) in zip(xs, gs) { grads[x] = g }
            let opt = rule.make()
            let tRule = bestTime(budget: budget) { try! update(opt, ps, grads) }
            let extra = (0..<count).map { _ in (0..<(rule.streams.reads - 2)).map { _ in rand(Float.self, size) } }
            let tKernel = bestTime(budget: budget) {
                for k in 0..<count { memoryKernel([xs[k], gs[k]] + extra[k], reads: rule.streams.reads, writes: rule.streams.writes) }
            }
            let perRule = tRule / Double(total) * 1e9, perKernel = tKernel / Double(total) * 1e9
            cells += [fixed(perRule, 3), fixed(perKernel, 3), fixed(perRule / perKernel, 2)]
        }
        print("| " + cells.joined(separator: " | ") + " |")
    }
    print("")
}
