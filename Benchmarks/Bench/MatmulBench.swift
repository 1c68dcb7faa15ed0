import Flux

/// Matrix-multiply throughput in Float32 at the MLP 784→256→128→10's shapes (batch 64): the
/// forward products W·x (the second layer's also the shape of its input gradient Wᵀ·G), the two
/// large weight gradients G·xᵀ (timed as plain products), then (784×256)·(256×64) and 64³. The
/// same list as Benchmarks/peers/optimiser_peers.py.
func benchmarkMatmul(budget: Double) {
    print("## Matrix multiply (Float32, one thread)\n")
    print("| shape | GFLOP/s |")
    print("| --- | --- |")
    for (m, k, n) in [(256, 784, 64), (256, 128, 64), (10, 128, 64), (256, 64, 784), (128, 64, 256),
                      (784, 256, 64), (64, 64, 64)] {
        let a = rand(Float.self, m, k), b = rand(Float.self, k, n)
        let t = bestTime(budget: budget) { _ = a * b }
        let gflops = 2.0 * Double(m * k * n) / t / 1e9
        print("| (\(m)×\(k))·(\(k)×\(n)) | \(fixed(gflops, 2)) |")
    }
    print("")
}

/// Elementwise throughput: out-of-place broadcast ops and in-place updates, Float32.
func benchmarkElementwise(budget: Double) {
    print("## Elementwise (Float32, 10^6 elements)\n")
    print("| operation | ns/element | GB/s |")
    print("| --- | --- | --- |")
    let n = 1_000_000
    let x = rand(Float.self, n), y = rand(Float.self, n)
    let cases: [(String, Int, () -> Void)] = [
        ("x .+ y (new tensor)", 12, { _ = x .+ y }),
        ("x .* 2 (new tensor)", 8, { _ = x .* Float(2) }),
        ("x .+= y (in place)", 12, { x .+= y }),
        ("σ(x)", 8, { _ = σ(x) }),
        ("exp(x)", 8, { _ = exp(x) }),
        ("sum(x)", 4, { _ = sum(x) }),
    ]
    for (name, bytes, body) in cases {
        let t = bestTime(budget: budget, body)
        print("| \(name) | \(fixed(t / Double(n) * 1e9, 3)) | \(fixed(Double(bytes * n) / t / 1e9, 1)) |")
    }
    print("")
}
