"""Grouping keys (`by …`): what each shows, as a select expression over the matched
contacts (alias c) and the joins it needs.

    by who, whom, pair          the actors as the contact names them (people or states)
    by partner                  the other side of the pattern: with Xi → whom Xi met, either way
    by who_country, whom_country, partner_country
                                the state (ISO 3166 alpha-3) or organisation the actor stood for
                                at the contact's date (an undated contact: "today")
    by dyad                     the unordered pair of those states: CHN–RUS
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

STATE_KEYS = ("who_country", "whom_country", "partner_country", "dyad")
NEEDS_PARTNER = ("partner", "partner_country")


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
    if key == "dyad":
        who, whom = country_at("c.who", day), country_at("c.whom", day)
        return f"least({who}, {whom}) || '–' || greatest({who}, {whom}) AS dyad", ()
    if key == "pair":
        return "least(w.name, m.name) || ' – ' || greatest(w.name, m.name) AS pair", (ACTOR_JOIN["who"],
                                                                                      ACTOR_JOIN["whom"])
    return "coalesce(a.source, a.name) AS source", SOURCE_JOINS
