#!/usr/bin/env python3
"""FluxOptimise's wide rule kernels and PyTorch's optimisers on the same tensors, in one process.

Separate processes see the machine at different moments (on a shared VM its speed drifts by up
to 1.5x within minutes) and with their arrays in different places. Here both run on the very
same parameter and gradient tensors, alternately, in one process: the C kernels of
Sources/CKernels (built into a shared library with the toolchain's clang, the same source the
package compiles) called through ctypes, and torch.optim's step. Each library keeps its own
state arrays (the same number of bytes). One thread, Float32, one tensor of 10^7 parameters.
It times the kernel alone; `update(opt, ps, gs)` adds a dictionary lookup per tensor.

usage: taskset -c 0 python same_process.py [--rounds N]

Needs PyTorch in a virtual environment outside the repository (see optimiser_peers.py) and
clang on PATH (the Swift toolchain's). The ctypes mirror of `flux_rule_call` below must match
Sources/CKernels/include/CKernels.h.
"""
import ctypes
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNELS = ROOT / "Sources" / "CKernels"
N = 10_000_000
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5


class RuleCall(ctypes.Structure):
    """`flux_rule_call` (CKernels.h)."""
    _fields_ = [("rule", ctypes.c_int), ("sink", ctypes.c_int), ("x", ctypes.c_void_p), ("g", ctypes.c_void_p),
                ("out", ctypes.c_void_p), ("state0", ctypes.c_void_p), ("state1", ctypes.c_void_p),
                ("state2", ctypes.c_void_p), ("p", ctypes.c_double * 10), ("decay", ctypes.c_double),
                ("clip", ctypes.c_int), ("bound", ctypes.c_double)]


def build_library(directory):
    """Compiles the package's C kernels into a shared library, as the package compiles them (-O3)."""
    library = pathlib.Path(directory) / "libfluxkernels.so"
    sources = [str(KERNELS / "RuleKernels.c"), str(KERNELS / "MatrixTiles.c")]
    subprocess.run(["clang", "-O3", "-shared", "-fPIC", "-I", str(KERNELS / "include"), *sources, "-o", str(library)],
                   check=True)
    return ctypes.CDLL(str(library))


def best_ns(step):
    """Best of 20 runs of `step()`, ns per parameter, after one warm-up run."""
    step()
    best = float("inf")
    for _ in range(20):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    return best / N * 1e9


def main():
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as directory:
        lib = build_library(directory)
        level = lib.flux_vector_level()
        if level == 0:
            sys.exit("this processor has neither AVX2 nor AVX-512: FluxOptimise runs its Swift kernels here")
        gen = torch.Generator().manual_seed(0)
        x = torch.nn.Parameter(torch.rand(N, generator=gen))
        x.grad = torch.rand(N, generator=gen) * 1e-3
        states = [torch.zeros(N) for _ in range(2)]

        def ours(rule, parameters, decay=None):
            call = RuleCall(rule=rule, sink=1 if decay is None else 2, x=x.data.data_ptr(), g=x.grad.data_ptr(),
                            state0=states[0].data_ptr(), state1=states[1].data_ptr(), decay=decay or 0.0)
            for k, value in enumerate(parameters):
                call.p[k] = value
            return lambda: lib.flux_rule_f32(ctypes.byref(call), ctypes.c_long(0), ctypes.c_long(N), ctypes.c_int(level))

        def theirs(optimiser):
            def step():
                with torch.no_grad():
                    optimiser.step()
            return step

        adam = [0.9, 0.1, 0.999, 1 - 0.999, 0.5, 0.3, 1e-3, 1e-8]  # β1, 1−β1, β2, 1−β2, 1−β1ᵗ, 1−β2ᵗ, η, ϵ
        cases = [
            ("Descent", ours(0, [0.1]), "PyTorch SGD (default)", theirs(torch.optim.SGD([x], lr=0.1))),
            ("Momentum", ours(1, [0.01, 0.9]), "PyTorch SGD momentum (fused)",
             theirs(torch.optim.SGD([x], lr=0.01, momentum=0.9, fused=True))),
            ("AdaGrad", ours(3, [0.1, 1e-8]), "PyTorch Adagrad (fused)", theirs(torch.optim.Adagrad([x], lr=0.1, fused=True))),
            ("Adam", ours(4, adam), "PyTorch Adam (fused)", theirs(torch.optim.Adam([x], lr=1e-3, fused=True))),
            ("AdamW", ours(4, adam, decay=0.01), "PyTorch AdamW (fused)",
             theirs(torch.optim.AdamW([x], lr=1e-3, weight_decay=0.01, fused=True))),
        ]
        print(f"## FluxOptimise's kernels (vector level {level}) and PyTorch {torch.__version__} on the same tensors, "
              f"one thread, {N} Float32 parameters, ns/param, {ROUNDS} alternating rounds\n")
        print("| rule | FluxOptimise best | peer | peer best | ratio of bests | median ratio per round |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, our_step, peer, their_step in cases:
            mine, peers = [], []
            for _ in range(ROUNDS):
                mine.append(best_ns(our_step))
                peers.append(best_ns(their_step))
            ratios = [a / b for a, b in zip(mine, peers)]
            print(f"| {name} | {min(mine):.3f} | {peer} | {min(peers):.3f} | {min(mine) / min(peers):.2f} "
                  f"| {statistics.median(ratios):.2f} |")


if __name__ == "__main__":
    main()
