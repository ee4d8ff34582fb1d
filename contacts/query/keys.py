"""Grouping keys (`by …`): what each shows, as a select expression over the matched
contacts (alias c) and the joins it needs.

    by who, whom, pair          the actors as the contact names them (people or states)
    by partner                  the other side of the pattern: with Xi → whom Xi met, either way
    by who_country, whom_country, partner_country
                                the state (ISO 3166 alpha-3) or organisation the actor stood for
                                at the contact's date (an undated contact: "today")
    by dyad                     the unordered pair of those states: CHN–RUS
    by who_office, whom_office  the office the actor held that day: head-of-state, foreign-minister …
    by year … day               the period that holds the contact's whole date
    by mode, status, precision, location, source

A country is looked up in the store's dated affiliations (`contacts.kb.affiliation`),
so Ursula von der Leyen is DEU before December 2019 and EU after; `contacts export`
uses the same expression, so the language and the export agree.
"""

from __future__ import annotations

PERIOD_LABEL = {"year": "strftime({d}, '%Y')", "month": "strftime({d}, '%Y-%m')", "day": "strftime({d}, '%Y-%m-%d')",
                "week": "strftime({d}, '%G-W%V')",
                "quarter": "CAST(year({d}) AS VARCHAR) || '-Q' || CAST(quarter({d}) AS VARCHAR)"}

# The state an actor stood for on a day: the affiliation holding that day (the latest begun, when
# two do), else the actor's own country. {actor} and {day} are SQL expressions.
COUNTRY_AT = ("coalesce((SELECT arg_max(f.country, coalesce(f.start_date, DATE '0001-01-01')) FROM affiliations f "
              "WHERE f.actor = {actor} AND coalesce(f.start_date, DATE '0001-01-01') <= {day} "
              "AND coalesce(f.end_date, DATE '9999-12-31') >= {day}), "
              "(SELECT a.country FROM actors a WHERE a.id = {actor}))")

ACTOR_ALIAS = {"who": "w", "whom": "m", "partner": "p", "location": "l"}
ACTOR_JOIN = {key: f"\nJOIN actors {a} ON {a}.id = c.{key}" for key, a in ACTOR_ALIAS.items()}
ACTOR_JOIN["location"] = "\nLEFT JOIN actors l ON l.id = c.location"
SOURCE_JOINS = ("\nJOIN contact_sources s ON s.contact = c.id", "\nJOIN mentions mm ON mm.id = s.mention",
                "\nJOIN articles a ON a.id = mm.article")

STATE_KEYS = ("who_country", "whom_country", "partner_country", "dyad", "who_office", "whom_office")

# Offices as a query writes them → the knowledge base's codes (roles.office), in the order that
# names an actor holding several at once (a president who also heads the government is head-of-state).
OFFICES = {"head-of-state": "hos", "head-of-government": "hog", "leader": "leader", "foreign-minister": "fm",
           "envoy": "envoy", "ambassador": "ambassador", "spokesperson": "spokesperson", "other": "other"}
NO_OFFICE = "none"           # a state itself, or a person holding no role that day
NEEDS_PARTNER = ("partner", "partner_country")


def holds_office(actor: str, office: str, day: str) -> str:
    """The actor held `office` (a parameter of the code) on `day`."""
    return (f"EXISTS (SELECT 1 FROM roles r WHERE r.actor = {actor} AND r.office = {office} "
            f"AND coalesce(r.start_date, DATE '0001-01-01') <= {day} AND coalesce(r.end_date, DATE '9999-12-31') >= {day})")


def holds_any_office(actor: str, day: str) -> str:
    return (f"EXISTS (SELECT 1 FROM roles r WHERE r.actor = {actor} "
            f"AND coalesce(r.start_date, DATE '0001-01-01') <= {day} AND coalesce(r.end_date, DATE '9999-12-31') >= {day})")


def office_at(actor: str, day: str) -> str:
    """The office an actor held on `day`, as the query writes it (`none` when none)."""
    rank = " ".join(f"WHEN '{code}' THEN {n}" for n, code in enumerate(OFFICES.values()))
    word = " ".join(f"WHEN '{code}' THEN '{w}'" for w, code in OFFICES.items())
    chosen = f"arg_min(r.office, CASE r.office {rank} ELSE 99 END)"
    return (f"coalesce((SELECT CASE {chosen} {word} ELSE {chosen} END "
            f"FROM roles r WHERE r.actor = {actor} AND coalesce(r.start_date, DATE '0001-01-01') <= {day} "
            f"AND coalesce(r.end_date, DATE '9999-12-31') >= {day}), '{NO_OFFICE}')")


def country_at(actor: str, day: str) -> str:
    return COUNTRY_AT.format(actor=actor, day=day)


def key_sql(key: str, today: str) -> tuple[str, tuple[str, ...]]:
    """A grouping key: its select expression and the joins it needs (one join a line, so keys
    that need the same join share it). `today` is the parameter that dates undated contacts."""
    if key in PERIOD_LABEL:
        label = PERIOD_LABEL[key].format(d="c.date_start")
        return (f"CASE WHEN date_trunc('{key}', c.date_start) = date_trunc('{key}', c.date_end) "
                f"THEN {label} END AS {key}"), ()
    if key in ("mode", "status", "precision"):
        return f"c.{key} AS {key}", ()
    if key in ACTOR_ALIAS:
        return f"{ACTOR_ALIAS[key]}.name AS {key}", (ACTOR_JOIN[key],)
    day = f"coalesce(c.date_start, {today})"
    if key in ("who_country", "whom_country", "partner_country"):
        return f"{country_at('c.' + key.removesuffix('_country'), day)} AS {key}", ()
    if key in ("who_office", "whom_office"):
        return f"{office_at('c.' + key.removesuffix('_office'), day)} AS {key}", ()
    if key == "dyad":
        who, whom = country_at("c.who", day), country_at("c.whom", day)      # each looked up once
        return f"array_to_string(list_sort([{who}, {whom}]), '–') AS dyad", ()
    if key == "pair":
        return "least(w.name, m.name) || ' – ' || greatest(w.name, m.name) AS pair", (ACTOR_JOIN["who"],
                                                                                      ACTOR_JOIN["whom"])
    return "coalesce(a.source, a.name) AS source", SOURCE_JOINS
