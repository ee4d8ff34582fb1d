"""Build hook: an opt-in compiled extractor.

The source is plain Python and stays the only source, and `pip install .`
installs it as it is (seconds). With CONTACTS_COMPILE=1 in the environment,
mypyc turns the modules of `contacts/extract` into C extensions that run the
same code faster (benchmarks/RESULTS.md gives the ratio), at the price of a
few minutes of compiling on 2 cores; the build backend (build_backend.py) then
asks for mypy, so a plain install never downloads it. Where that cannot be
done (no C compiler) the extensions are optional and the package installs as
pure Python. Editable installs (`pip install -e .`) stay pure Python, so an
edited module is never shadowed by a stale compiled copy beside it.

mypyc, not Cython: on Python 3.11 Cython without type declarations gained
nothing here, while mypyc compiles the annotated classes and calls natively.
"""

import os
import sys
from pathlib import Path

from setuptools import setup

# tokens.py stays Python: its Tokens subclasses list, which mypyc cannot compile, and its work is
# already done by C-level maps.
PURE = {"__init__.py", "tokens.py"}
HOT_MODULES = sorted(str(path) for path in Path("contacts/extract").glob("*.py") if path.name not in PURE)
# The types mypyc compiles by: mypy's reading of the annotations (pyproject.toml's [tool.mypy]).
MYPY_OPTIONS = ["--config-file", "pyproject.toml"]


def _editable() -> bool:
    return any("editable" in arg for arg in sys.argv)


def compile_asked() -> bool:
    return os.environ.get("CONTACTS_COMPILE", "") not in ("", "0")


def compiled_extensions() -> list:
    if not compile_asked() or _editable():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    extensions = mypycify(MYPY_OPTIONS + HOT_MODULES, opt_level="3")
    for extension in extensions:
        extension.optional = True
    return extensions


if __name__ in ("__main__", "setup"):
    setup(ext_modules=compiled_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
