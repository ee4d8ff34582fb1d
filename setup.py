"""Build hook: an opt-in compiled extractor.

The source is plain Python and stays the only source, and `pip install .`
installs it as it is (seconds). With CONTACTS_COMPILE=1 in the environment,
Cython turns each module of `contacts/extract` into a C extension that runs the
same code about a fifth faster (benchmarks/RESULTS.md), at the price of a
few minutes of compiling on 2 cores. Where that cannot be done (no C compiler)
the extensions are optional and the package installs as pure Python. Editable
installs (`pip install -e .`) stay pure Python, so an edited module is never
shadowed by a stale compiled copy beside it.
"""

import os
import sys
from pathlib import Path

from setuptools import setup

HOT_MODULES = sorted(str(path) for path in Path("contacts/extract").glob("*.py")
                     if path.name != "__init__.py")


def _editable() -> bool:
    return any("editable" in arg for arg in sys.argv)


def _compile_asked() -> bool:
    return os.environ.get("CONTACTS_COMPILE", "") not in ("", "0")


def compiled_extensions() -> list:
    if not _compile_asked() or _editable():
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    # Annotations stay hints: Cython would otherwise reject list subclasses
    # (Tokens) and tuples passed for Sequence defaults.
    directives = {"language_level": 3, "annotation_typing": False}
    extensions = cythonize(HOT_MODULES, build_dir="build/cython", quiet=True,
                           compiler_directives=directives)
    for extension in extensions:
        extension.optional = True
    return extensions


setup(ext_modules=compiled_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
