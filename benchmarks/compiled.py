"""The package as `CONTACTS_COMPILE=1 pip install .` builds it: the extractor compiled
by mypyc (setup.py; a plain `pip install .` is pure Python, measured by `--pure`).

`python -m benchmarks` starts in the source tree, where `contacts` is pure
Python (an editable install never compiles). So that the figures are those of
the installed tool, `tree()` installs the package once per source version
into the cache folder, and `__main__` runs the suites on that copy;
`python -m benchmarks --pure` measures the source tree as it is.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import cache_folder

REPO = Path(__file__).resolve().parent.parent
BUILT_FROM = ["setup.py", "pyproject.toml", "contacts", "grammar"]
BUILT = "CONTACTS_BENCH_ON_BUILD"    # set once the suites run on the build (compiled or not: no compiler)


def is_compiled() -> bool:
    """Whether the `contacts` imported here runs a compiled extractor."""
    spec = importlib.util.find_spec("contacts.extract.pipeline")
    return spec is not None and spec.origin is not None and not spec.origin.endswith(".py")


def _digest() -> str:
    hashed = hashlib.sha1()
    for top in BUILT_FROM:
        path = REPO / top
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                hashed.update(str(file.relative_to(REPO)).encode() + file.read_bytes())
    return hashed.hexdigest()[:10]


def tree() -> Path:
    """A folder holding the compiled package, built (about a minute) unless a current one is kept."""
    target = cache_folder() / f"compiled-{_digest()}"
    if (target / "contacts").is_dir():
        return target
    _forget_old_builds(keep=3)
    partial = target.with_suffix(".partial")
    shutil.rmtree(partial, ignore_errors=True)
    print(f"# building the compiled package into {target} (about a minute) …", file=sys.stderr, flush=True)
    built = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(partial),
                            str(REPO)], capture_output=True, text=True, env={**os.environ, "CONTACTS_COMPILE": "1"})
    if built.returncode:
        raise RuntimeError(f"building the package failed: {built.stderr.strip()[-500:]}")
    partial.rename(target)
    return target


def _forget_old_builds(keep: int) -> None:
    """Remove all but the `keep` newest builds (other checkouts of the project, and builds under way
    in them, share the cache folder: the newest are theirs) and builds abandoned a day ago."""
    builds = sorted(cache_folder().glob("compiled-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in builds[keep:]:
        if not stale.name.endswith(".partial") or time.time() - stale.stat().st_mtime > 86_400:
            shutil.rmtree(stale, ignore_errors=True)


def environment(package: Path) -> dict[str, str]:
    """The environment in which `python -P` imports `contacts` from `package` and `benchmarks` from the repo."""
    return {**os.environ, BUILT: "1", "PYTHONPATH": os.pathsep.join([str(package), str(REPO)])}
