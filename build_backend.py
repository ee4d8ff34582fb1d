"""The build backend: setuptools', asking for mypy only when CONTACTS_COMPILE=1 asks for
the compiled extractor (setup.py), so a plain `pip install .` never downloads it."""

import os

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403  (the whole PEP 517 interface)

MYPYC = "mypy>=2.4,<2.5"


def _compile_asked() -> bool:
    return os.environ.get("CONTACTS_COMPILE", "") not in ("", "0")


def get_requires_for_build_wheel(config_settings=None):
    extra = [MYPYC] if _compile_asked() else []
    return _setuptools.get_requires_for_build_wheel(config_settings) + extra
