"""∂ℓ/∂W1 of the worksheet loss at d = 1000 with numpy, the figure
numeric/BENCHMARKS.md compares BenchmarkGradW1* with.

ℓ = ½‖W2 φ(W1 x + b) − y‖², φ = tanh:
∂ℓ/∂W1 = (φ'(z) ⊙ (W2ᵀ r)) xᵀ, z = W1 x + b, r = W2 φ(z) − y.

Not run by go test (numpy is not a dependency). Run it with a Python
that has numpy, e.g. Debian's: apt-get install python3-numpy, then
    /usr/bin/python3 numeric/testdata/gradw1_numpy.py [d] [repeats]
It prints the median and the best time per evaluation over several
batches, and which BLAS numpy uses.
"""
import sys
import timeit

import numpy as np


def grad_w1(W1, W2, x, b, y):
    z = W1 @ x + b
    h = np.tanh(z)
    r = W2 @ h - y
    g = (1.0 - h * h) * (W2.T @ r)
    return np.outer(g, x)


def main():
    d = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = np.random.default_rng(1)
    W1 = rng.standard_normal((d, d)) / np.sqrt(d)
    W2 = rng.standard_normal((d, d)) / np.sqrt(d)
    x, b, y = (rng.standard_normal(d) for _ in range(3))
    grad_w1(W1, W2, x, b, y)
    number = 50
    times = [t / number for t in timeit.repeat(lambda: grad_w1(W1, W2, x, b, y), number=number, repeat=repeats)]
    times.sort()
    blas = "?"
    try:  # the BLAS library actually loaded (Linux)
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line.lower() and line.split()[-1].startswith("/")}
        blas = ", ".join(sorted(libs)) or "?"
    except OSError:
        pass
    print(f"numpy {np.__version__} (BLAS {blas}), d = {d}: median {times[len(times) // 2] * 1e3:.2f} ms, "
          f"best {times[0] * 1e3:.2f} ms per ∂ℓ/∂W1")


if __name__ == "__main__":
    main()
