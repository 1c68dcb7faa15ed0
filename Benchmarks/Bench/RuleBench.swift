import Dispatch
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
    RuleCase(name: "AdamW", make: { AdamW(0.001, (0.9, 0.999), 0.01) }, streams: (4, 3)),
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
func memoryKernel(_ arrays: [Tensor<Float>], reads: Int, writes: Int, range: Range<Int>) {
    let p = arrays.map { t in t.withUnsafeMutableBufferPointer { $0.baseAddress! + range.lowerBound } }
    let n = range.count
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

/// One measured cell: a rule at one size, layout and thread count, beside the memory kernel.
struct RuleMeasurement {
    let rule: String, parameters: Int, tensors: Int, threads: Int
    let nsPerParameter: Double, kernelNsPerParameter: Double
    var ratio: Double { nsPerParameter / kernelNsPerParameter }

    /// The cell as one JSON object on one line.
    var jsonLine: String {
        "{\"rule\": \"\(rule)\", \"parameters\": \(parameters), \"tensors\": \(tensors), \"threads\": \(threads), "
            + "\"ns_per_parameter\": \(fixed(nsPerParameter, 4)), \"kernel_ns_per_parameter\": \(fixed(kernelNsPerParameter, 4)), "
            + "\"ratio\": \(fixed(ratio, 3))}"
    }
}

/// Arrays the kernel's threads share: each writes its own disjoint range, and
/// `concurrentPerform` returns only when all have finished.
struct SharedArrays: @unchecked Sendable { let arrays: [Tensor<Float>] }

/// `memoryKernel` over each array set, with the arrays split into `threads` contiguous pieces
/// run concurrently (the same split the rules use).
func memoryKernel(_ sets: [[Tensor<Float>]], reads: Int, writes: Int, threads: Int) {
    for arrays in sets {
        let n = arrays[0].count
        let chunks = min(threads, n / (1 << 16))
        if chunks <= 1 {
            memoryKernel(arrays, reads: reads, writes: writes, range: 0..<n)
        } else {
            let size = ((n + chunks - 1) / chunks + 63) & ~63, shared = SharedArrays(arrays: arrays)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                memoryKernel(shared.arrays, reads: reads, writes: writes, range: min(n, c * size)..<min(n, (c + 1) * size))
            }
        }
    }
}

/// ns per parameter of every rule's `update` for `total` parameters held in `layout` tensors, on
/// `threads` threads, beside the same-bytes memory kernel under the same split.
func measureRule(_ rule: RuleCase, total: Int, tensors: Int, threads: Int, budget: Double) -> RuleMeasurement {
    let size = total / tensors
    let xs = (0..<tensors).map { _ in rand(Float.self, size) }
    let gs = (0..<tensors).map { _ in randn(Float.self, size) }
    let ps = Params(xs)
    let grads = Grads(ps)
    for (x, g) in zip(xs, gs) { grads[x] = g }
    let opt = rule.make()
    let tRule = withKernelThreads(threads) { bestTime(budget: budget) { try! update(opt, ps, grads) } }
    let sets = (0..<tensors).map { k in [xs[k], gs[k]] + (0..<(rule.streams.reads - 2)).map { _ in rand(Float.self, size) } }
    let tKernel = bestTime(budget: budget) {
        memoryKernel(sets, reads: rule.streams.reads, writes: rule.streams.writes, threads: threads)
    }
    return RuleMeasurement(rule: rule.name, parameters: total, tensors: tensors, threads: threads,
                           nsPerParameter: tRule / Double(total) * 1e9, kernelNsPerParameter: tKernel / Double(total) * 1e9)
}

/// The rules table: for every rule, ns/param and the ratio to the memory kernel at each size
/// (one tensor and 100 tensors) on 1 and 2 threads; every cell also as a JSON line in `jsonPath`.
func benchmarkRules(sizes: [Int], pieces: Int, budget: Double, jsonPath: String?, only: [String] = []) {
    print("## Optimiser update, Float32: ns/param (ratio to the same-bytes memory kernel)\n")
    let layouts = sizes.flatMap { n in [(n, 1), (n, pieces)] }
    let header = layouts.flatMap { n, k in [1, 2].map { t in "\(power(n))\(k == 1 ? "" : " in \(k)") · \(t)T" } }
    print("| rule | B/param | " + header.joined(separator: " | ") + " |")
    print("| --- | --- | " + header.map { _ in "---" }.joined(separator: " | ") + " |")
    var lines: [String] = []
    for rule in allRuleCases() where only.isEmpty || only.contains(rule.name) {
        var cells = [rule.name, String(rule.bytes)]
        for (n, k) in layouts {
            for threads in [1, 2] {
                let m = measureRule(rule, total: n, tensors: k, threads: threads, budget: budget)
                cells.append("\(fixed(m.nsPerParameter, 3)) (\(fixed(m.ratio, 2)))")
                lines.append(m.jsonLine)
            }
        }
        print("| " + cells.joined(separator: " | ") + " |")
    }
    print("")
    if let jsonPath {
        do { try writeAtomically(lines.joined(separator: "\n") + "\n", to: jsonPath) } catch {
            print("bench: \(error)")
        }
        print("JSON lines: \(jsonPath)\n")
    }
}

/// `10⁵`-style label for a power of ten (plain digits otherwise).
func power(_ n: Int) -> String {
    var e = 0, m = n
    while m >= 10 && m % 10 == 0 { m /= 10; e += 1 }
    let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return m == 1 ? "10" + String(String(e).map { superscripts[Int(String($0))!] }) : String(n)
}
