"""Corrections (issue 22): a researcher's decisions survive re-extraction, stale ones are
reported, and an export imported into a fresh store from the same articles gives the same contacts."""

import json

import pytest

import contacts
from conftest import SEEDS
from contacts import store as store_module
from contacts.errors import CorrectionError
from contacts.errors import InputError

CALL = "Wednesday’s phone call is the first time Xi has spoken to Zelenskyy since Russia invaded Ukraine in February last year."
SUMMONS = "Lithuania, Latvia and Estonia have summoned Chinese officials to seek clarification."
VISIT = "comes weeks after Xi paid a state visit to Russia and met with Vladimir Putin in March"


def contact_of(store, who, whom, mode):
    _, rows = store.sql("SELECT id FROM contacts WHERE who = ? AND whom = ? AND mode = ?", [who, whom, mode])
    assert len(rows) == 1, rows
    return rows[0][0]


def contacts_now(store):
    return store.sql("SELECT who, whom, mode, directed, date_start, precision, status, n_sources "
                     "FROM contacts ORDER BY ALL")[1]


@pytest.fixture
def reviewed(tmp_path):
    """The seeds with three decisions: a summons rejected, a visit made a meeting, a meeting added."""
    store = contacts.open(tmp_path / "s.duckdb")
    store.ingest([SEEDS], workers=0)
    store.reject(contact_of(store, "estonia", "china", "summons"), note="Estonia is not named", author="ana")
    store.fix(contact_of(store, "ursula-von-der-leyen", "xi-jinping", "visit"), mode="meeting", author="ana")
    article = store.sql("SELECT name FROM articles WHERE text LIKE '%Lithuania, Latvia%'")[1][0][0]
    store.add(who="Xi", whom="Putin", mode="meeting", date="2023-03", article=article,
              evidence=VISIT, author="ana", note="the visit's meeting")
    yield store
    store.close()


def in_force(store):
    have = {tuple(map(str, r)) for r in store.sql("SELECT who, whom, mode, date_start FROM contacts")[1]}
    return (not any(h[:3] == ("estonia", "china", "summons") for h in have),
            ("ursula-von-der-leyen", "xi-jinping", "meeting", "2023-04-01") in have
            and not any(h[:3] == ("ursula-von-der-leyen", "xi-jinping", "visit") for h in have),
            ("xi-jinping", "vladimir-putin", "meeting", "2023-03-01") in have)


def test_decisions_take_effect_at_once(reviewed):
    assert in_force(reviewed) == (True, True, True)
    assert reviewed.check() == []
    figures = reviewed.review_figures()
    assert (figures["reviewed"], figures["rejected"], figures["corrected"], figures["added"]) == (2, 1, 1, 1)
    assert figures["precision"] == 0 and figures["real_precision"] == 0.5
    assert reviewed.query("count contacts where reviewed = yes").scalar == 2        # the fixed, the added
    assert reviewed.query("count contacts where reviewed = no").scalar == 6
    assert [r.mode for r in reviewed.query("list contacts where review = corrected").rows] == ["meeting"]
    manual = reviewed.query("list contacts where origin = 'manual'")
    assert [(r.who, r.whom, r.mode) for r in manual.rows] == [("Xi Jinping", "Vladimir Putin", "meeting")]


def test_decisions_survive_reextraction_by_a_new_extractor(reviewed, monkeypatch):
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "99.0")
    report = reviewed.reextract(everything=True)
    assert report.reextracted == 2
    assert in_force(reviewed) == (True, True, True)
    assert reviewed.stale_corrections() == []
    assert reviewed.check() == []


def test_a_decision_whose_sentence_vanished_is_stale_not_lost(reviewed, monkeypatch):
    from contacts.extract import pipeline
    extract = pipeline.extract

    def forgetful(article, kb):            # an extractor that no longer reads the summons sentence
        found = extract(article, kb)
        found.mentions[:] = [m for m in found.mentions if m.evidence[0].text != SUMMONS]
        return found
    monkeypatch.setattr(pipeline, "extract", forgetful)
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "99.0")
    reviewed.reextract(everything=True)
    stale = reviewed.stale_corrections()
    assert [(c.action, c.mode, why) for c, why in stale] == [
        ("reject", "summons", "the contact is no longer extracted from its sentence")]
    assert len(reviewed.corrections()) == 3            # kept, to apply again should the sentence come back
    assert in_force(reviewed)[1:] == (True, True)


def test_export_then_import_into_a_fresh_store_gives_the_same_contacts(reviewed, tmp_path):
    path = tmp_path / "decisions.jsonl"
    assert reviewed.export_corrections(path) == 3
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["action"] for line in lines] == ["reject", "fix", "add"]
    assert lines[0]["note"] == "Estonia is not named" and lines[0]["author"] == "ana"
    with contacts.open() as fresh:
        fresh.ingest([SEEDS], workers=0)
        assert fresh.import_corrections(path) == (3, 0)
        assert contacts_now(fresh) == contacts_now(reviewed)
        assert fresh.import_corrections(path) == (0, 3)         # again: nothing new
        assert contacts_now(fresh) == contacts_now(reviewed)
    with contacts.open() as first:            # decisions first, articles after: they apply at ingest
        first.import_corrections(path)
        assert len(first.stale_corrections()) == 3
        first.ingest([SEEDS], workers=0)
        assert contacts_now(first) == contacts_now(reviewed) and first.stale_corrections() == []


def test_the_last_of_reject_and_accept_wins(store):
    store.ingest([SEEDS], workers=0)
    call = contact_of(store, "xi-jinping", "volodymyr-zelensky", "call")
    sentences = {r[0] for r in store.sql("SELECT evidence FROM mentions WHERE mode = 'call'")[1]}
    store.reject(call, note="checking")
    assert store.sql("SELECT count(*) FROM contacts WHERE mode = 'call'")[1] == [(0,)]
    rejected = store.corrections()
    assert {c.sentence for c in rejected} == sentences and {c.action for c in rejected} == {"reject"}
    store.accept(rejected[0].article + ":0")            # one mention, by its id: its contact comes back
    assert store.sql("SELECT n_sources FROM contacts WHERE mode = 'call'")[1] == [(1,)]
    figures = store.review_figures()
    assert (figures["reviewed"], figures["accepted"], figures["rejected"]) == (2, 1, 1)


def test_fix_fields(store):
    store.ingest([SEEDS], workers=0)
    visit = contact_of(store, "ursula-von-der-leyen", "xi-jinping", "visit")
    store.fix(visit, date="2023-04-06", status="planned", direction="reversed")
    row = store.sql("SELECT who, whom, date_start, precision, status, directed FROM contacts WHERE mode = 'visit' "
                    "AND who = 'xi-jinping' AND whom = 'ursula-von-der-leyen'")[1]
    assert [tuple(map(str, r)) for r in row] == [("xi-jinping", "ursula-von-der-leyen", "2023-04-06", "day",
                                                   "planned", "True")]
    _, reviews = store.sql("SELECT review FROM reviews")
    assert reviews == [("corrected",)]


def test_a_citation_brings_its_own_source(store):
    store.ingest([SEEDS], workers=0)
    store.add(who="Xi", whom="Lula", mode="meeting", date="2023-04-14",
              citation="Joint Statement between the PRC and Brazil, 14 April 2023")
    _, rows = store.sql("SELECT c.who, c.whom, a.source, a.name FROM contacts c JOIN contact_sources s ON "
                        "s.contact = c.id JOIN mentions m ON m.id = s.mention JOIN articles a ON a.id = m.article "
                        "WHERE c.mode = 'meeting' AND c.whom LIKE '%lula%' OR c.who LIKE '%lula%'")
    assert rows and rows[0][2] == "citation" and rows[0][3].startswith("citation: Joint Statement")
    store.reextract(everything=True)
    assert len(store.sql("SELECT * FROM contacts WHERE who LIKE '%lula%' OR whom LIKE '%lula%'")[1]) == 1


@pytest.mark.parametrize("call, message", [
    (lambda s: s.reject("cnothere"), "no contact with id 'cnothere'"),
    (lambda s: s.fix(contact_of(s, "xi-jinping", "volodymyr-zelensky", "call"), mode="phone"),
     "mode 'phone' is not one of call, meeting"),
    (lambda s: s.fix(contact_of(s, "xi-jinping", "volodymyr-zelensky", "call"), date="April"),
     "not an ISO date"),
    (lambda s: s.fix(contact_of(s, "xi-jinping", "volodymyr-zelensky", "call"), whom="Putn"),
     "unknown actor 'Putn'"),
    (lambda s: s.fix(contact_of(s, "xi-jinping", "volodymyr-zelensky", "call")), "nothing to fix"),
    (lambda s: s.add(who="Xi", whom="Putin", mode="call", article="nothere.txt", evidence="x"),
     "no stored article 'nothere.txt'"),
    (lambda s: s.add(who="Xi", whom="Putin", mode="call", article="000_ce2cafdec42ce531.txt",
                     evidence="Xi called Putin."), "the evidence is not a sentence of article"),
    (lambda s: s.add(who="Xi", whom="Putin", mode="call"), "give the article and its sentence, or a citation"),
])
def test_bad_decisions_are_refused_and_change_nothing(store, call, message):
    store.ingest([SEEDS], workers=0)
    before = contacts_now(store)
    with pytest.raises(CorrectionError if "actor" not in message else contacts.ContactsError) as caught:
        call(store)
    assert message in str(caught.value)
    assert contacts_now(store) == before and store.corrections() == []


def test_a_bad_import_line_names_file_and_line(store, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"action": "reject"}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:1: not a decision: article, who, whom and mode are required"):
        store.import_corrections(path)


def test_an_older_store_gains_the_tables(tmp_path):
    path = tmp_path / "old.duckdb"
    with contacts.open(path) as s:
        s.ingest([SEEDS], workers=0)
        s.connection.execute("DROP TABLE corrections; DROP TABLE reviews; UPDATE schema_version SET version = 6")
    with contacts.open(path) as s:
        assert s.corrections() == [] and s.check() == []


def _calls():
    from datetime import date
    said = [("Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on Monday, "
             "state media said.", "a.txt"),
            ("Russian President Vladimir Putin spoke by phone with Chinese President Xi Jinping on Tuesday, "
             "the Kremlin said.", "b.txt"),
            ("Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on Monday, "
             "officials said.", "c.txt")]
    return [contacts.Article(text=text, name=name, published=date(2023, 5, 10)) for text, name in said]


def calls(store):
    return sorted(store.sql("SELECT date_start, n_sources FROM contacts WHERE mode = 'call'")[1])


def test_merge_and_split_fused_contacts_and_they_survive_reextraction(store, monkeypatch):
    from datetime import date
    store.ingest(_calls(), workers=0)
    assert calls(store) == [(date(2023, 5, 8), 2), (date(2023, 5, 9), 1)]     # a.txt and c.txt fused
    monday, tuesday = (r[0] for r in store.sql("SELECT id FROM contacts ORDER BY date_start")[1])
    store.merge([monday, tuesday], note="one call: the Kremlin dated it by Moscow's day")
    assert calls(store) == [(date(2023, 5, 8), 3)]
    (merged,) = [r[0] for r in store.sql("SELECT id FROM contacts")[1]]
    store.split(merged, article="c.txt", note="c.txt reports another call")
    assert calls(store) == [(date(2023, 5, 8), 1), (date(2023, 5, 8), 2)]
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "99.0")
    store.reextract(everything=True)
    assert calls(store) == [(date(2023, 5, 8), 1), (date(2023, 5, 8), 2)]
    assert store.check() == [] and store.stale_corrections() == []
    figures = store.review_figures()
    assert (figures["merged"], figures["split"], figures["reviewed"]) == (1, 1, 0)


def test_merge_refuses_contacts_of_two_kinds(store):
    store.ingest([SEEDS], workers=0)
    call, visit = contact_of(store, "xi-jinping", "volodymyr-zelensky", "call"), \
        contact_of(store, "xi-jinping", "vladimir-putin", "visit")
    with pytest.raises(CorrectionError, match="differ in mode, status, direction or actors"):
        store.merge([call, visit])
    with pytest.raises(CorrectionError, match="is reported by one article: there is nothing to split"):
        store.split(visit)
    assert store.corrections() == []


def test_a_contact_id_a_decision_retired_still_names_it(store):
    store.ingest([SEEDS], workers=0)
    visit = contact_of(store, "ursula-von-der-leyen", "xi-jinping", "visit")
    store.fix(visit, mode="meeting")
    assert store.sql("SELECT count(*) FROM contacts WHERE id = ?", [visit])[1] == [(0,)]
    store.fix(visit, date="2023-04-06")                # the old id: the meeting it became
    assert [tuple(map(str, r)) for r in store.sql("SELECT mode, date_start FROM contacts WHERE who = "
                                                  "'ursula-von-der-leyen'")[1]] == [("meeting", "2023-04-06")]


def test_an_accept_stored_at_once_is_what_applying_it_again_gives(store):
    store.ingest([SEEDS], workers=0)
    store.fix(contact_of(store, "xi-jinping", "vladimir-putin", "visit"), date="2023-03-20")
    store.accept(contact_of(store, "xi-jinping", "vladimir-putin", "visit"))     # fixed, then accepted
    store.accept(contact_of(store, "china", "ukraine", "envoy"))

    def state():
        return (sorted(store.sql("SELECT * FROM reviews")[1]), sorted(store.sql("SELECT id, target FROM corrections")[1]),
                contacts_now(store))
    before = state()
    assert sorted(r[2] for r in before[0]) == ["accepted", "accepted", "corrected"]
    store.reextract(everything=True)
    assert state() == before
