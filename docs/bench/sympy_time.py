"""Time SymPy on the cases of testdata/bench/sympy_cases.json.

Each case is one matrix derivative with SymPy's MatrixSymbol calculus:
build the expression from its text and differentiate it, with SymPy's
cache cleared before each run (a derivation from scratch, as deriv does
one). Prints one line per case (median of 7 runs, the result) and the
median over the cases. Compare with

    go test ./engine -run X -bench BenchmarkSympyCases

which runs the same cases through deriv (parse + derive + simplify +
print). Not run by `go test`: SymPy is not a dependency of deriv.
Usage: python3 docs/bench/sympy_time.py [testdata/bench/sympy_cases.json]
"""
import json
import statistics
import sys
import time

import sympy as sp
from sympy import MatrixSymbol, Trace

path = sys.argv[1] if len(sys.argv) > 1 else "testdata/bench/sympy_cases.json"
cases = json.load(open(path))
n = sp.Symbol("n")
names = {}
for v in ["x", "y", "a", "b"]:
    names[v] = MatrixSymbol(v, n, 1)
for m in ["A", "B", "X", "W", "W1", "W2"]:
    names[m] = MatrixSymbol(m, n, n)
names["Trace"] = Trace

medians = []
for c in cases:
    runs = []
    for _ in range(7):
        sp.core.cache.clear_cache()
        t0 = time.perf_counter()
        r = eval(c["sympy"], {}, dict(names))
        runs.append(time.perf_counter() - t0)
    m = statistics.median(runs)
    medians.append(m)
    print(f"{c['id']:20s} {m * 1e3:8.2f} ms  {r}")
print(f"sympy {sp.__version__}: median over {len(cases)} cases {statistics.median(medians) * 1e3:.2f} ms")
