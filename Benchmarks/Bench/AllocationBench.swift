import Flux

/// `steps` steady-state updates of one rule on ten tensors, for counting heap allocations from
/// outside: `valgrind --tool=dhat bench allocations --steps N` for two values of N; the difference
/// in blocks is what the extra steps allocated.
func runUpdatesForAllocationCount(steps: Int) {
    let xs = (0..<10).map { _ in rand(Float.self, 1000) }
    let ps = Params(xs)
    let gs = Grads(ps)
    for x in xs { gs[x] = randn(Float.self, 1000) }
    let opt = Adam()
    try! update(opt, ps, gs)                 // the first step creates the state
    for _ in 0..<steps { try! update(opt, ps, gs) }
    print("allocations: \(steps) steady-state Adam updates of 10 tensors done")
}
