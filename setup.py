"""Build hook: the extractor's modules compiled by Cython, as they are.

The source is plain Python and stays the only source; Cython turns each
module of `contacts/extract` into a C extension that runs the same code about
a fifth faster (benchmarks/RESULTS.md). Where that cannot be done (no C
compiler, or CONTACTS_PURE_PYTHON=1 in the environment) the extensions are
optional and the package installs as pure Python. Editable installs
(`pip install -e .`) stay pure Python, so an edited module is never shadowed
by a stale compiled copy beside it.
"""

import os
import sys
from pathlib import Path

from setuptools import setup

HOT_MODULES = sorted(str(path) for path in Path("contacts/extract").glob("*.py")
                     if path.name != "__init__.py")


def _editable() -> bool:
    return any("editable" in arg for arg in sys.argv)


def compiled_extensions() -> list:
    if os.environ.get("CONTACTS_PURE_PYTHON") or _editable():
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
