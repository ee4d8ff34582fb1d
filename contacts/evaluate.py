"""Scoring extracted contacts against gold ones, as docs/annotation.md defines it.

A predicted contact matches a gold one when the unordered actor pair is the
same, the mode is the same, and the dates agree at the coarser of the two
precisions. Three levels: `strict` (names match: "Zelenskyy" is "Zelensky",
a surname matches the full name; a state matches only the same state),
`country` (both sides mapped to the state or organisation they act for),
`pair` (country pair only, any mode or date). Gold lines marked `optional`
neither count as misses nor make a match a false positive; a gold line with
only `article` marks an article with no contact, so whatever is predicted for
it is a false positive. Each prediction takes the first unused gold line it
matches, required lines first; a second prediction of one gold contact is a
false positive. Only the articles the gold names are scored.

The figures are those of the shared scorer (shared/eval/score.py): states are
known by their ISO names and common short names, people by the `people` maps
given (name → ISO3 code) or, without them, by the knowledge base.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from contacts.kb import KnowledgeBase, default

LEVELS = ("strict", "country", "pair")


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _surname_key(token: str) -> str:
    for end in ("yy", "iy", "yi"):                  # Zelenskyy / Zelenskiy / Zelensky
        if token.endswith(end) and len(token) > 4:
            return token[: -len(end)] + "y"
    return token


def names_match(a: str, b: str) -> bool:
    ta, tb = {_surname_key(t) for t in _norm(a).split()}, {_surname_key(t) for t in _norm(b).split()}
    if not ta or not tb:
        return False
    if ta <= tb or tb <= ta:
        return True
    last_a, last_b = _surname_key(_norm(a).split()[-1]), _surname_key(_norm(b).split()[-1])
    return last_a == last_b and len(last_a) > 2


def dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


def country_names(kb: KnowledgeBase) -> dict[str, str]:
    """Normalised state and organisation names → code: ISO 3166 (code, name, official and
    common names) and the knowledge base's states and organisations with their aliases."""
    import pycountry
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_3.lower()] = country.alpha_3
        for attribute in ("name", "official_name", "common_name"):
            if hasattr(country, attribute):
                names[_norm(getattr(country, attribute))] = country.alpha_3
    for actor in kb.actors.values():
        if actor.kind.value != "person" and actor.country and (len(actor.country) == 3 or
                                                               actor.country in SCORED_ORGANISATIONS):
            for text in (actor.name, *actor.aliases):
                names.setdefault(_norm(text), actor.country)
    return names


# The organisations the shared scorer (shared/eval/countries.json) has codes for: a side declared as
# another one (OECD, OSCE …) has no country there, so none here either, or the figures would differ.
SCORED_ORGANISATIONS = frozenset({"EU", "UN", "NATO", "AU", "ASEAN", "HAMAS"})


class Scorer:
    def __init__(self, kb: KnowledgeBase | None = None, people: Mapping[str, str] | None = None) -> None:
        self.kb = kb or default()
        self.people = {_norm(name): code for name, code in (people or {}).items()}
        self.countries = country_names(self.kb)

    def country(self, name: str, declared: str | None, on: str | None) -> str | None:
        """The state (or organisation) a side stands for: as declared, else by its name."""
        if declared:
            code = self.countries.get(_norm(declared), declared.upper() if len(declared) == 3 else None)
            if code:
                return code
        key = _norm(name)
        if key in self.countries:
            return self.countries[key]
        if self.people:                      # people maps replace the knowledge base, as in the shared scorer
            return self.people.get(key) or next((code for person, code in self.people.items()
                                                 if names_match(person, name)), None)
        day = _day(on)
        found = self.kb.resolve(name, day, suggest=False)
        actor = found.actor or (found.candidates[0] if found.candidates else None)
        return self.kb.country_of(actor, day) if actor else None

    def _side(self, p_name: str, p_code: str | None, g_name: str, g_code: str | None, level: str) -> bool:
        if level != "strict":
            return p_code is not None and p_code == g_code
        p_state, g_state = self.countries.get(_norm(p_name)), self.countries.get(_norm(g_name))
        if p_state or g_state:               # states match by code, whatever the name
            return p_state is not None and p_state == g_state
        return names_match(p_name, g_name)

    def _match(self, p: dict, g: dict, level: str) -> bool:
        if level != "pair" and (p.get("mode") != g.get("mode") or not dates_compatible(p.get("date"), g.get("date"))):
            return False
        side = lambda a, b, c, d: self._side(p[a], p[c], g[b], g[d], level)  # noqa: E731
        straight = side("who", "who", "_wc", "_wc") and side("whom", "whom", "_mc", "_mc")
        crossed = side("who", "whom", "_wc", "_mc") and side("whom", "who", "_mc", "_wc")
        return straight or crossed

    def score(self, gold: list[dict], predicted: list[dict]) -> dict[str, Score]:
        predicted = [p for p in predicted if "who" in p]
        for g in gold:
            if "who" in g:                   # a gold side is known by its name alone
                g["_wc"] = self.country(g["who"], None, g.get("date"))
                g["_mc"] = self.country(g["whom"], None, g.get("date"))
        for p in predicted:
            p["who"], p["whom"] = p.get("who") or "", p.get("whom") or ""
            p["_wc"] = self.country(p["who"], p.get("who_country"), p.get("date"))
            p["_mc"] = self.country(p["whom"], p.get("whom_country"), p.get("date"))
        return {level: self._score(gold, predicted, level) for level in LEVELS}

    def _score(self, gold: list[dict], predicted: list[dict], level: str) -> Score:
        golds, preds = defaultdict(list), defaultdict(list)
        for g in gold:
            lines = golds[g["article"]]      # a line with only `article` still puts the article in
            if "who" in g:
                lines.append(g)
        for p in predicted:
            if p.get("article") in golds:
                preds[p["article"]].append(p)
        result = Score()
        for article, lines in golds.items():
            used = [False] * len(lines)
            for p in preds.get(article, []):
                hit = next((i for optional in (False, True) for i, g in enumerate(lines)
                            if not used[i] and bool(g.get("optional")) == optional and self._match(p, g, level)),
                           None)
                if hit is None:
                    result.fp += 1
                    result.extras.append(p)
                else:
                    used[hit] = True
                    result.tp += 0 if lines[hit].get("optional") else 1
            for i, g in enumerate(lines):
                if not used[i] and not g.get("optional"):
                    result.fn += 1
                    result.misses.append(g)
        return result


def _day(text: str | None) -> date | None:
    if not text:
        return None
    parts = [int(x) for x in text.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def report(scores: dict[str, Score], articles: int, gold: list[dict], predicted: int, show: bool) -> str:
    contacts = [g for g in gold if "who" in g]
    required = sum(not g.get("optional") for g in contacts)
    lines = [f"{articles} articles, {required} gold contacts (+{len(contacts) - required} optional), "
             f"{predicted} predicted lines",
             f"{'level':8} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{lv:8} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
              for lv, s in scores.items()]
    if show:
        s = scores["country"]
        lines += [f"MISS  {g['article']}: {g['who']} -{g['mode']}- {g['whom']} {g.get('date')}  | "
                  f"{str(g.get('evidence', ''))[:90]}" for g in s.misses]
        lines += [f"EXTRA {p['article']}: {p['who']} -{p.get('mode')}- {p['whom']} {p.get('date')}  | "
                  f"{str(p.get('evidence', ''))[:90]}" for p in s.extras]
    return "\n".join(lines)
