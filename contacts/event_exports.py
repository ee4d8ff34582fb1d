"""The contacts in the event-data formats of the field (`contacts export --format plover|cameo`).

PLOVER (JSON Lines, one event per contact, the PLOVER manual's fields): CONSULT with its
mode, the actor and recipient as entities (ISO 3166 alpha-3 code and name), the evidence
sentence as `text` and every source sentence in `sources`. Fields of this tool's own
(`contacts_mode`, `contacts_id` …, which PLOVER allows) keep what PLOVER cannot say, so that
importing the file (`contacts import plover`) gives the same contacts.

CAMEO (tab-separated with a header, one row per contact): the CAMEO event code of the mode
(docs/imports.md has both tables), Actor1 the visitor, caller or initiator where the contact
is directed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

# mode -> (PLOVER event, PLOVER mode) and mode -> CAMEO code; a planned contact is CAMEO 036.
PLOVER_OF = {"call": ("CONSULT", "phone"), "visit": ("CONSULT", "visit"), "meeting": ("CONSULT", "third-party"),
             "talks": ("CONSULT", None), "message": ("CONSULT", "phone"), "envoy": ("CONSULT", "visit"),
             "summons": ("ACCUSE", "disapprove")}
CAMEO_OF = {"call": "041", "visit": "042", "meeting": "044", "talks": "046", "message": "040", "envoy": "042",
            "summons": "110"}
PLANNED = "036"
CAMEO_NAMES = {"036": "Express intent to meet or negotiate", "040": "Consult, not specified below",
               "041": "Discuss by telephone", "042": "Make a visit", "044": "Meet at a 'third' location",
               "046": "Engage in negotiation", "110": "Disapprove, not specified below"}
CAMEO_COLUMNS = ("id", "SQLDATE", "EndDate", "Precision", "Actor1Code", "Actor1Name", "Actor2Code", "Actor2Name",
                 "EventCode", "EventRootCode", "EventDescription", "Mode", "Directed", "Status", "NumSources",
                 "Sources", "Evidence")

QUERY = """
SELECT c.id, c.who, w.name, w.kind, w.country, c.whom, m.name, m.kind, m.country, c.mode, c.directed,
       c.date_start, c.date_end, c.precision, c.status, c.n_sources, c.evidence, c.sources, c.origins,
       (SELECT list({'article': a.name, 'outlet': a.source, 'published': a.published, 'url': a.url,
                     'origin': mm.origin, 'record': mm.record, 'sentence': e.text} ORDER BY a.name, e.sentence)
          FROM contact_sources s JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article
          JOIN evidence e ON e.mention = mm.id WHERE s.contact = c.id) AS said
FROM contacts c JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom
ORDER BY c.date_start NULLS LAST, c.id
"""


def _rows(cursor: duckdb.DuckDBPyConnection):
    cursor.execute(QUERY)
    while batch := cursor.fetchmany(10_000):         # a batch at a time: a big store stays out of memory
        yield from batch


def write_plover(cursor: duckdb.DuckDBPyConnection, target: Path) -> None:
    with target.open("w", encoding="utf-8") as out:
        for row in _rows(cursor):
            out.write(json.dumps(plover_event(row), default=str, ensure_ascii=False) + "\n")


def plover_event(row: tuple) -> dict:
    (cid, who, who_name, who_kind, who_country, whom, whom_name, whom_kind, whom_country, mode, directed,
     start, end, precision, status, n_sources, evidence, outlets, origins, said) = row
    event, plover_mode = PLOVER_OF[mode]
    return {"id": cid, "date": start, "enddate": end,
            "actor": [_entity(who, who_name, who_kind, who_country)],
            "recipient": [_entity(whom, whom_name, whom_kind, whom_country)],
            "event": [event], "mode": [plover_mode] if plover_mode else [], "text": evidence,
            "coder": "contacts", "contacts_mode": mode, "contacts_directed": directed,
            "contacts_precision": precision, "contacts_status": status, "contacts_sources": n_sources,
            "contacts_origins": origins, "sources": said or []}


def _entity(actor_id: str, name: str, kind: str, country: str | None) -> dict:
    return {"code": country, "entity_text": name, "contacts_id": actor_id, "contacts_kind": kind}


def write_cameo(cursor: duckdb.DuckDBPyConnection, target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CAMEO_COLUMNS)
        for row in _rows(cursor):
            writer.writerow(cameo_row(row))


def cameo_row(row: tuple) -> list:
    (cid, _, who_name, _, who_country, _, whom_name, _, whom_country, mode, directed,
     start, end, precision, status, n_sources, evidence, outlets, _, _) = row
    code = PLANNED if status == "planned" else CAMEO_OF[mode]
    return [cid, start.strftime("%Y%m%d") if start else "", end.strftime("%Y%m%d") if end else "", precision,
            who_country or "", who_name, whom_country or "", whom_name, code, code[:2], CAMEO_NAMES[code], mode,
            int(directed), status, n_sources, "; ".join(outlets or []), " ".join((evidence or "").split())]
