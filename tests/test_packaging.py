"""The build (issue 27, item 11): a plain `pip install .` is pure Python and quick; the
mypyc-compiled extractor is built only when CONTACTS_COMPILE=1 asks for it, and only then
does the build backend ask for mypy."""

import sys
import types

import pytest
import setuptools

from conftest import ROOT


def _extensions_built(monkeypatch, environment: dict[str, str], argv: list[str]) -> list:
    """What setup.py hands setuptools as ext_modules, with mypyc replaced by a recorder."""
    given = {}
    monkeypatch.setattr(setuptools, "setup", lambda **options: given.update(options))
    build = types.ModuleType("mypyc.build")
    build.mypycify = lambda paths, **_: [types.SimpleNamespace(name=p) for p in paths if p.endswith(".py")]
    monkeypatch.setitem(sys.modules, "mypyc", types.ModuleType("mypyc"))
    monkeypatch.setitem(sys.modules, "mypyc.build", build)
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
        names = [ext.name for ext in built]
        assert "contacts/extract/pipeline.py" in names
        assert "contacts/extract/tokens.py" not in names           # a list subclass: stays Python


@pytest.mark.parametrize("environment, asks_for_mypy", [({}, False), ({"CONTACTS_COMPILE": "0"}, False),
                                                        ({"CONTACTS_COMPILE": "1"}, True)])
def test_the_backend_asks_for_mypy_only_to_compile(monkeypatch, environment, asks_for_mypy):
    sys.path.insert(0, str(ROOT))
    try:
        import build_backend
    finally:
        sys.path.remove(str(ROOT))
    monkeypatch.delenv("CONTACTS_COMPILE", raising=False)
    monkeypatch.setattr(build_backend._setuptools, "get_requires_for_build_wheel", lambda settings=None: [])
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert any(r.startswith("mypy") for r in build_backend.get_requires_for_build_wheel()) is asks_for_mypy
