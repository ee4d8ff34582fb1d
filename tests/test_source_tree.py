"""The package works from its source tree, not only installed (issue 27, item 1).

Python started in the project folder imports `contacts/` from there, not the
installed package; the grammar lives in the top-level `grammar/` folder, which
an install maps to `contacts.grammar`. The check runs in a copy of the source
tree with the editable install's finder removed, so only the copy can answer.
"""

import shutil
import subprocess
import sys

from conftest import ROOT

WITHOUT_THE_INSTALL = """
import sys
sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]
import contacts, contacts.grammar
print(contacts.__file__)
print(contacts.grammar.__file__)
print(contacts.compile('count calls Xi -> Putin').sql.splitlines()[0])
"""


def test_the_source_tree_finds_its_grammar(tmp_path):
    for folder in ("contacts", "grammar"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    done = subprocess.run([sys.executable, "-c", WITHOUT_THE_INSTALL], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    package, grammar, sql = done.stdout.splitlines()
    assert package == str(tmp_path / "contacts" / "__init__.py")
    assert grammar == str(tmp_path / "grammar" / "__init__.py")
    assert sql == "SELECT count(*) AS count"
