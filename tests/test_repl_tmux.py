"""The REPL in a real terminal (tmux): the banner, a bad path that leaves the session
alive, and Ctrl-R then Enter running the query found (issue 27, items 2, 3 and 14)."""

import shutil
import subprocess
import sys
import time
import uuid

import pytest

import contacts
from conftest import SEEDS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="no tmux here")


class Terminal:
    def __init__(self, command: str, environment: dict[str, str], keep: bool = False) -> None:
        """`keep`: the screen stays when the command ends (its last words can be read), until close()."""
        self.name = f"contacts-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in environment.items())
        kept = [";", "set-option", "-t", self.name, "remain-on-exit", "on"] if keep else []
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "160", "-y", "50",
                        f"env {exports} {command}", *kept], check=True)

    def ended(self) -> bool:
        """Has the command ended (its session gone, or its pane dead when kept)?"""
        shown = subprocess.run(["tmux", "display-message", "-p", "-t", self.name, "#{pane_dead}"],
                               capture_output=True, text=True)
        return shown.returncode != 0 or shown.stdout.strip() == "1"

    def screen(self) -> list[str]:
        shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return [line.rstrip() for line in shown.stdout.splitlines() if line.strip()]

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, test, timeout: float = 60) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError("the terminal shows:\n" + "\n".join(self.screen()))

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path):
    db = tmp_path / "seeds.duckdb"
    with contacts.open(db) as store:
        store.ingest([SEEDS])
    opened = Terminal(f"{sys.executable} -m contacts repl --db {db}",
                      {"CONTACTS_HISTORY": str(tmp_path / "history"), "HOME": str(tmp_path)})
    yield opened
    opened.close()


def test_a_session_in_a_terminal(terminal):
    terminal.wait_for(lambda s: any("contacts REPL on" in line and ".help" in line for line in s))
    terminal.keys("count calls Xi -> Zelensky since 2022-02", "Enter")
    terminal.wait_for(lambda s: s.count("1") == 1)
    terminal.keys(".output /nonexistent/dir/x.txt", "Enter")
    terminal.wait_for(lambda s: any(line.startswith("error: cannot write to /nonexistent/dir/x.txt") for line in s))
    terminal.keys("C-r")
    terminal.wait_for(lambda s: "I-search backward" in s[-1] if s else False)
    terminal.keys("Zelen")
    time.sleep(0.5)
    terminal.keys("Enter")
    terminal.wait_for(lambda s: s.count("1") == 2)                  # the query found ran again
    terminal.keys("C-d")


def _resident_mb(terminal) -> float:
    pid = subprocess.run(["tmux", "display", "-p", "-t", terminal.name, "#{pane_pid}"], capture_output=True,
                         text=True).stdout.strip()
    status = open(f"/proc/{pid}/status").read()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024


def _paste(terminal, text: str, tmp_path) -> None:
    """Paste as a terminal does when the application asked for bracketed paste."""
    (tmp_path / "paste.txt").write_text(text)
    subprocess.run(["tmux", "load-buffer", "-b", terminal.name, str(tmp_path / "paste.txt")], check=True)
    subprocess.run(["tmux", "paste-buffer", "-p", "-d", "-b", terminal.name, "-t", terminal.name], check=True)


def test_a_bracketed_paste_waits_for_enter_and_runs_each_query(terminal, tmp_path):
    terminal.wait_for(lambda s: any("contacts REPL on" in line for line in s))
    _paste(terminal, "count calls Xi -> Zelensky since 2022-02\ncount summons * -> China\n", tmp_path)
    terminal.wait_for(lambda s: any("count summons * -> China" in line for line in s))
    time.sleep(1)
    assert not any(line.strip() in ("1", "3") for line in terminal.screen())        # nothing ran yet
    terminal.keys("Enter")
    terminal.wait_for(lambda s: s[-2:] == ["3", "contacts>"])
    assert "1" in terminal.screen()


def test_a_160_kb_paste_keeps_the_session_small_and_alive(terminal, tmp_path):
    """It went past 10 GB (issue 28, item 7); here it adds a few MB."""
    terminal.wait_for(lambda s: any("contacts REPL on" in line for line in s))
    before = _resident_mb(terminal)
    line = "count calls Xi -> Zelensky since 2022-02 " * 4_000 + "END"             # 164 KB on one line
    _paste(terminal, line, tmp_path)
    terminal.wait_for(lambda s: any(row.endswith("END") for row in s), timeout=120)
    grown = _resident_mb(terminal) - before
    assert grown < 100, f"{grown:.0f} MB more after the paste"
    terminal.keys("C-c")
    terminal.keys("count calls Xi -> Zelensky since 2022-02", "Enter")
    terminal.wait_for(lambda s: s[-2:] == ["1", "contacts>"])
