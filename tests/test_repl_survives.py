"""The REPL lives on (issue 28, item 6): an unclosed quote in .ingest, a query past the
calendar, an .ingest of bad records, and Ctrl-C while a result is drawn."""

import io

from contacts.repl import Repl


def repl_on(store) -> tuple[Repl, io.StringIO]:
    out = io.StringIO()
    return Repl(store, out=out), out


def test_bad_inputs_leave_the_session_alive(store, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Xi called Putin.", "title": 5}\n{"text": "Xi Jinping called Vladimir Putin on '
                   'Monday.", "published": "2023-04-24"}\n', "utf-8")
    repl, out = repl_on(store)
    for line in [".ingest 'unclosed", "count contacts after 9999-12-31;", f".ingest {bad}", "count contacts"]:
        assert repl.handle(line) is True
    shown = out.getvalue()
    assert "No closing quotation" in shown and "nothing is after 9999-12-31" in shown
    assert '"title" must be a string' in shown and "1 new" in shown


def test_ctrl_c_while_a_result_is_drawn(store, monkeypatch):
    repl, out = repl_on(store)
    prompts = iter(["count contacts", None])

    class Session:
        def prompt(self):
            text = next(prompts)
            if text is None:
                raise EOFError
            return text

    def drawing(*_args, **_kw):
        raise KeyboardInterrupt
    monkeypatch.setattr(repl, "_show_result", drawing)
    repl.session = Session()
    repl.loop()                                        # returns at EOF, not at the interrupt
    assert "cancelled" in out.getvalue()
