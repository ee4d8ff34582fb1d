"""python -m benchmarks [--quick] [--pure] [SUITE …]: run the benchmarks (all, or the suites named:
startup, knowledge_base, extraction, ingest, query_compile, queries, growth, imports, plots) and print the table of figures.

The suites run on the compiled build, as `CONTACTS_COMPILE=1 pip install .` makes it
(benchmarks/compiled.py); `--pure` runs them on the source tree's pure Python, which is
what a plain `pip install .` installs. The first line of the output names the build."""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import datetime

from benchmarks import (compiled, extraction, growth, imports, ingest, knowledge_base, plots, queries, query_compile,
                        startup)
from benchmarks.common import HEADER

SUITES = [startup, knowledge_base, extraction, ingest, query_compile, queries, growth, imports, plots]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (under 2 minutes)")
    parser.add_argument("--pure", action="store_true", help="measure the source tree's pure Python, not the build")
    names = [s.__name__.split(".")[-1] for s in SUITES]
    parser.add_argument("suites", nargs="*", metavar="SUITE", help=f"run only these ({', '.join(names)})")
    args = parser.parse_args()
    if set(args.suites) - set(names):
        parser.error(f"no suite {', '.join(sorted(set(args.suites) - set(names)))}; choose from {', '.join(names)}")
    if not args.pure and not compiled.is_compiled() and not os.environ.get(compiled.BUILT):
        package = compiled.tree()
        os.execve(sys.executable, [sys.executable, "-P", "-m", "benchmarks", *sys.argv[1:]],
                  compiled.environment(package))
    chosen = [suite for suite, name in zip(SUITES, names) if not args.suites or name in args.suites]
    print(f"# contacts benchmarks, {datetime.now():%Y-%m-%d %H:%M}, {platform.machine()}, "
          f"Python {platform.python_version()}{' (quick)' if args.quick else ''}, "
          f"extractor {'compiled' if compiled.is_compiled() else 'pure Python'}")
    print(HEADER)
    for suite in chosen:
        try:
            for figure in suite.run(quick=args.quick):
                print(figure.row(), flush=True)
        except Exception as exc:          # one broken suite must not cost the others' figures
            print(f"{suite.__name__}: failed: {type(exc).__name__}: {str(exc)[:200]}", flush=True)


if __name__ == "__main__":
    main()
