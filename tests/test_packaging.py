"""The build (issue 27, item 11): a plain `pip install .` is pure Python and quick; the
Cython-compiled extractor is built only when CONTACTS_COMPILE=1 asks for it."""

import sys
import types

import pytest
import setuptools

from conftest import ROOT


def _extensions_built(monkeypatch, environment: dict[str, str], argv: list[str]) -> list:
    """What setup.py hands setuptools as ext_modules, with Cython replaced by a recorder."""
    given = {}
    monkeypatch.setattr(setuptools, "setup", lambda **options: given.update(options))
    cython = types.ModuleType("Cython.Build")
    cython.cythonize = lambda modules, **_: [types.SimpleNamespace(name=m) for m in modules]
    monkeypatch.setitem(sys.modules, "Cython", types.ModuleType("Cython"))
    monkeypatch.setitem(sys.modules, "Cython.Build", cython)
    monkeypatch.delenv("CONTACTS_COMPILE", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "argv", ["setup.py", *argv])
    monkeypatch.chdir(ROOT)
    exec(compile((ROOT / "setup.py").read_text(), "setup.py", "exec"), {"__name__": "setup"})
    return given["ext_modules"]


@pytest.mark.parametrize("environment, argv, compiled", [
    ({}, ["bdist_wheel"], False),                                  # the default: pure Python
    ({"CONTACTS_COMPILE": "0"}, ["bdist_wheel"], False),
    ({"CONTACTS_COMPILE": "1"}, ["bdist_wheel"], True),
    ({"CONTACTS_COMPILE": "1"}, ["editable_wheel"], False),        # an editable install never compiles
])
def test_compiling_is_opt_in(monkeypatch, environment, argv, compiled):
    built = _extensions_built(monkeypatch, environment, argv)
    assert bool(built) is compiled
    if compiled:
        assert all(ext.optional for ext in built)                  # no compiler: still installs
        assert "contacts/extract/pipeline.py" in [ext.name for ext in built]
