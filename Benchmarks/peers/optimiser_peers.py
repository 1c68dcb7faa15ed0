#!/usr/bin/env python3
"""Times the optimiser update of PyTorch, optax and numpy on the problem `bench rules` uses.

One thread, Float32, one tensor of N parameters and K tensors of N/K, gradients fixed (the update
alone is timed). Prints a Markdown table in ns/param, best of repeated runs after a warm-up.

usage: taskset -c 0 python optimiser_peers.py [--quick] [--ours FILE]   the optimiser updates
       taskset -c 0 python optimiser_peers.py --training                  MLP step, 10×10 loop, matmul

--ours FILE reads the JSON lines of `bench rules --json FILE` (run just before, pinned the same
way) and ends with a report: for every rule both measured, FluxOptimise's one-thread ns/param
beside the fastest peer's, as a ratio (below 1: FluxOptimise faster).

Install the peers into a virtual environment outside the repository first:
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install numpy torch jax optax
`taskset -c 0` pins every library to one core: XLA's CPU runtime otherwise spreads a jitted
update over all cores whatever its thread flags say.
The rules are each library's own spelling of the Flux rule (same hyper-parameters; where the
library's equations differ slightly from Flux's, the memory traffic is the same).
"""
import os
import sys

# One thread everywhere, set before the libraries load.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import time

import numpy as np

QUICK = "--quick" in sys.argv[1:]
TOTAL = 1_000_000 if QUICK else 10_000_000
PIECES = 100
BUDGET = 0.05 if QUICK else 0.3


def best_ns_per_param(step, total):
    """Best time of `step()` in ns per parameter, over at least BUDGET seconds after a warm-up."""
    step()
    best, spent, runs = float("inf"), 0.0, 0
    while spent < BUDGET or runs < 5:
        start = time.perf_counter()
        step()
        elapsed = time.perf_counter() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best / total * 1e9


def shapes(pieces):
    return [TOTAL // pieces] * pieces


# ---------------------------------------------------------------- numpy: hand-written in place
def numpy_rule(name, sizes):
    rng = np.random.default_rng(0)
    xs = [rng.random(n, dtype=np.float32) for n in sizes]
    gs = [rng.random(n, dtype=np.float32) * np.float32(1e-3) for n in sizes]
    state = [[np.zeros(n, np.float32) for _ in range(2)] for n in sizes]
    tmp = [np.empty(n, np.float32) for n in sizes]
    f = np.float32
    eta, rho, b1, b2, eps = f(0.001), f(0.9), f(0.9), f(0.999), f(1e-8)

    def step():
        for x, g, (m, v), t in zip(xs, gs, state, tmp):
            if name == "Descent":
                np.multiply(g, eta, out=t); np.subtract(x, t, out=x)
            elif name == "Momentum":  # v = ρv − ηg; x += v
                np.multiply(m, rho, out=m); np.multiply(g, eta, out=t); np.subtract(m, t, out=m); np.add(x, m, out=x)
            elif name == "RMSProp":  # acc = ρ acc + (1−ρ) g²; x −= η g / (√acc + ϵ)
                np.multiply(m, rho, out=m); np.multiply(g, g, out=t); np.multiply(t, 1 - rho, out=t); np.add(m, t, out=m)
                np.sqrt(m, out=t); np.add(t, eps, out=t); np.divide(g, t, out=t); np.multiply(t, eta, out=t); np.subtract(x, t, out=x)
            elif name == "AdaGrad":
                np.multiply(g, g, out=t); np.add(m, t, out=m); np.sqrt(m, out=t); np.add(t, eps, out=t)
                np.divide(g, t, out=t); np.multiply(t, f(0.1), out=t); np.subtract(x, t, out=x)
            elif name == "Adam":  # bias correction folded into the step size, as frameworks do
                np.multiply(m, b1, out=m); np.multiply(g, 1 - b1, out=t); np.add(m, t, out=m)
                np.multiply(v, b2, out=v); np.multiply(g, g, out=t); np.multiply(t, 1 - b2, out=t); np.add(v, t, out=v)
                np.sqrt(v, out=t); np.add(t, eps, out=t); np.divide(m, t, out=t); np.multiply(t, eta, out=t); np.subtract(x, t, out=x)
    return step


# ---------------------------------------------------------------- PyTorch: torch.optim
def torch_rule(name, sizes, variant):
    import torch
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    ps = [torch.nn.Parameter(torch.rand(n, generator=gen)) for n in sizes]
    for p in ps:
        p.grad = torch.rand(p.shape, generator=gen) * 1e-3
    kw = {variant: True} if variant else {}
    make = {
        "Descent": lambda: torch.optim.SGD(ps, lr=0.1, **kw),
        "Momentum": lambda: torch.optim.SGD(ps, lr=0.01, momentum=0.9, **kw),
        "RMSProp": lambda: torch.optim.RMSprop(ps, lr=0.001, alpha=0.9, eps=1e-8, **kw),
        "AdaGrad": lambda: torch.optim.Adagrad(ps, lr=0.1, eps=1e-8, **kw),
        "Adam": lambda: torch.optim.Adam(ps, lr=0.001, betas=(0.9, 0.999), eps=1e-8, **kw),
        "AdamW": lambda: torch.optim.AdamW(ps, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01, **kw),
    }
    opt = make[name]()

    def step():
        with torch.no_grad():
            opt.step()
    return step


# ---------------------------------------------------------------- optax: jitted, buffers donated
def optax_rule(name, sizes):
    import jax
    import jax.numpy as jnp
    import optax
    make = {
        "Descent": lambda: optax.sgd(0.1),
        "Momentum": lambda: optax.sgd(0.01, momentum=0.9),
        "RMSProp": lambda: optax.rmsprop(0.001, decay=0.9, eps=1e-8),
        "AdaGrad": lambda: optax.adagrad(0.1, eps=1e-8),
        "Adam": lambda: optax.adam(0.001, b1=0.9, b2=0.999, eps=1e-8),
        "AdamW": lambda: optax.adamw(0.001, b1=0.9, b2=0.999, eps=1e-8, weight_decay=0.01),
    }
    tx = make[name]()
    key = jax.random.PRNGKey(0)
    params = [jax.random.uniform(jax.random.fold_in(key, i), (n,), jnp.float32) for i, n in enumerate(sizes)]
    grads = [p * 1e-3 for p in params]
    state = tx.init(params)

    def update(params, state, grads):
        updates, state = tx.update(grads, state, params)
        return optax.apply_updates(params, updates), state
    jitted = jax.jit(update, donate_argnums=(0, 1))
    box = [params, state]

    def step():
        p, s = jitted(box[0], box[1], grads)
        jax.block_until_ready(p)
        box[0], box[1] = p, s
    return step


RULES = ["Descent", "Momentum", "RMSProp", "AdaGrad", "Adam", "AdamW"]


def torch_training_step():
    """ms per step of the MLP 784→256→128→10 (ReLU), batch 64, Float32, Adam, in PyTorch eager:
    forward, backward and update, as `bench training` times it."""
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 10))
    x = torch.rand(64, 784)
    y = torch.arange(64) % 10
    rows = []
    for label, kwargs in (("default", {}), ("foreach", {"foreach": True}), ("fused", {"fused": True})):
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, **kwargs)

        def step():
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
        rows.append((f"PyTorch eager, Adam ({label})", best_ns_per_param(step, 1) / 1e6))
    return rows


def torch_seed_loop():
    """µs per step of the Flux docs' 10×10 loop in PyTorch eager (float64): `w * x` and `w1 * x`,
    mse, backward, then the ExpDecay+Descent update written out as PyTorch code would."""
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    w = torch.randn(10, 10, dtype=torch.float64, requires_grad=True)
    w1 = torch.randn(10, 10, dtype=torch.float64, requires_grad=True)
    eta = [0.001]
    counter = [0]

    def step():
        x = torch.rand(10, dtype=torch.float64)
        loss = torch.nn.functional.mse_loss(w @ x, w1 @ x)
        gw, gw1 = torch.autograd.grad(loss, (w, w1))
        counter[0] += 1
        if counter[0] % 1000 == 0:
            eta[0] = max(eta[0] * 0.1, 1e-4)
        with torch.no_grad():
            w.sub_(gw * eta[0] * 0.1)
            w1.sub_(gw1 * eta[0] * 0.1)
    return best_ns_per_param(step, 1) / 1e3


# The same list as Benchmarks/Bench/MatmulBench.swift.
MATMUL_SHAPES = ((256, 784, 64), (256, 128, 64), (10, 128, 64), (256, 64, 784), (128, 64, 256),
                 (784, 256, 64), (64, 64, 64))


def numpy_matmul():
    """GFLOP/s of numpy's (OpenBLAS, one thread) Float32 matrix product at MATMUL_SHAPES."""
    rows = []
    for m, k, n in MATMUL_SHAPES:
        a = np.random.default_rng(0).random((m, k), dtype=np.float32)
        b = np.random.default_rng(1).random((k, n), dtype=np.float32)
        seconds = best_ns_per_param(lambda: a @ b, 1) / 1e9
        rows.append((f"({m}×{k})·({k}×{n})", 2.0 * m * k * n / seconds / 1e9))
    return rows


def training_sections():
    """The training-step, seed-loop and matmul peers, each section skipped if its library is missing."""
    try:
        rows = torch_training_step()
        print("## Peers: training step, MLP 784→256→128→10, batch 64, Float32, one thread\n")
        print("| library | ms/step |\n| --- | --- |")
        for label, ms in rows:
            print(f"| {label} | {ms:.3f} |")
        print(f"\n## Peers: the Flux docs' 10×10 loop, one thread\n\n| library | µs/step |\n| --- | --- |")
        print(f"| PyTorch eager (float64) | {torch_seed_loop():.2f} |\n")
    except ImportError:
        print("(PyTorch is not installed: no training-step or 10×10 figures)\n")
    print("## Peers: matrix multiply at the MLP's shapes, Float32, one thread\n\n| shape | numpy GFLOP/s |\n| --- | --- |")
    for shape, gflops in numpy_matmul():
        print(f"| {shape} | {gflops:.2f} |")
    print("")


def ours_from(path):
    """{(rule, tensors): ns/param} of FluxOptimise's one-thread cells at TOTAL parameters."""
    import json
    cells = {}
    try:
        lines = open(path)
    except OSError as error:
        sys.exit(f"--ours: cannot read {path} ({error.strerror}); write it first with "
                 f"`taskset -c 0 swift run -c release bench rules --json {path}`")
    with lines:
        for line in lines:
            row = json.loads(line)
            if row["parameters"] == TOTAL and row["threads"] == 1:
                cells[(row["rule"], row["tensors"])] = row["ns_per_parameter"]
    return cells


def report(ours, measured):
    """FluxOptimise beside the fastest peer, per rule and layout, from one run of each."""
    print(f"\n## FluxOptimise beside the fastest peer, one thread, {TOTAL} parameters, ns/param\n")
    print(f"| rule | FluxOptimise 1 tensor | fastest peer | ratio | FluxOptimise {PIECES} tensors | fastest peer | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for rule in RULES:
        cells = []
        for column, pieces in enumerate((1, PIECES)):
            peers = [(ns[column], label) for (r, label), ns in measured.items() if r == rule and ns[column] is not None]
            mine = ours.get((rule, pieces))
            if not peers or mine is None:
                cells += ["n/a", "n/a", "n/a"]
                continue
            best, label = min(peers)
            cells += [f"{mine:.3f}", f"{best:.3f} {label}", f"{mine / best:.2f}"]
        print(f"| {rule} | " + " | ".join(cells) + " |")


def main():
    if "--training" in sys.argv[1:]:
        training_sections()
        return
    ours = None
    if "--ours" in sys.argv[1:]:
        at = sys.argv.index("--ours")
        if at + 1 >= len(sys.argv):
            sys.exit("--ours needs the JSON-lines file that `bench rules --json FILE` wrote")
        ours = ours_from(sys.argv[at + 1])
    peers = [("numpy (in place)", lambda r, s: numpy_rule(r, s) if r != "AdamW" else None),
             ("PyTorch (default)", lambda r, s: torch_rule(r, s, None)),
             ("PyTorch (foreach)", lambda r, s: torch_rule(r, s, "foreach")),
             ("PyTorch (fused)", lambda r, s: torch_rule(r, s, "fused") if r in ("Adam", "AdamW", "Descent", "Momentum", "AdaGrad") else None),
             ("optax (jit)", optax_rule)]
    print(f"## Peers: optimiser update, Float32, one thread, {TOTAL} parameters, ns/param\n")
    print(f"| rule | library | 1 tensor | {PIECES} tensors |")
    print("| --- | --- | --- | --- |")
    measured = {}
    for rule in RULES:
        for label, make in peers:
            figures = []
            for pieces in (1, PIECES):
                try:
                    step = make(rule, shapes(pieces))
                except (RuntimeError, TypeError, ValueError):  # a library without this variant
                    step = None
                figures.append(best_ns_per_param(step, TOTAL) if step else None)
            measured[(rule, label)] = figures
            cells = [f"{ns:.3f}" if ns is not None else "n/a" for ns in figures]
            print(f"| {rule} | {label} | {cells[0]} | {cells[1]} |", flush=True)
    if ours is not None:
        report(ours, measured)


if __name__ == "__main__":
    main()
