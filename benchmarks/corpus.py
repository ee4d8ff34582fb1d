"""Generated news articles for the benchmarks: seeded, reproducible, nothing downloaded.

Each article is ~4 KB of wire-style prose: 10–40 sentences over a few paragraphs,
three to six actors drawn from the knowledge base's office holders on the
publication date (introduced by title and full name, then by surname or title),
contacts of every mode with absolute and relative dates, modality traps
(denials, wishes, conditions, speculation), quotes, analysts, and filler
paragraphs about economics, security and history that hold no contact. Every
sentence is assembled from parts, so no two articles repeat one text.

    python -m benchmarks.corpus 1000 out/             # 1000 .txt files with front matter
    python -m benchmarks.corpus 1000 out/all.jsonl    # the same as JSON Lines
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from contacts.kb import default, name_key
from contacts.kb.model import Kind

SOURCES = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "The Hindu", "Nikkei Asia", "Deutsche Welle",
           "The Guardian", "Daily Nation", "Folha", "Yonhap", "Anadolu", "Kyiv Independent"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

# Contact sentences by mode. {a} and {b} are actor mentions, {when} a date expression, {place} a city.
CONTACTS = {
    "call": ["{a} spoke by phone with {b} {when}, {said}.",
             "{a} held a phone call with {b} {when} to discuss {topic}.",
             "In a telephone conversation {when}, {a} and {b} discussed {topic}.",
             "{a} called {b} {when}, {said}, and the two talked about {topic}."],
    "meeting": ["{a} met {b} on the sidelines of the {summit} in {place} {when}.",
                "{a} and {b} held talks in {place} {when} on {topic}.",
                "{a} sat down with {b} {when} for talks that {said} were frank."],
    "visit": ["{a} arrived in {capital_b} {when} for a two-day state visit, {said}.",
              "{b} hosted {a} in {capital_b} {when}, and the two discussed {topic}.",
              "{a} paid an official visit to {country_b} {when}, meeting {b}."],
    "message": ["{a} sent a congratulatory message to {b} {when}, {said}.",
                "{a} wrote to {b} {when} about {topic}, according to a letter seen by reporters."],
    "envoy": ["{a} sent a special envoy to meet {b} in {capital_b} {when}.",
              "An envoy of {a} delivered a letter to {b} {when}, {said}."],
    "summons": ["{country_a} summoned {country_b}'s ambassador {when} to protest {grievance}.",
                "The foreign ministry of {country_a} summoned the envoy of {country_b} {when}."],
}
TRAPS = ["{a} did not meet {b} during the {summit}, {said}.",
         "{a} said he was ready to talk to {b} when the time is right.",
         "{a} has yet to speak with {b} since the crisis began.",
         "Analysts said {a} could meet {b} later this year if the talks progress.",
         "{a} wants to visit {capital_b}, but no date has been set.",
         "If {b} agrees, {a} would travel to {capital_b} for talks.",
         "{a} has spoken with {b} {count} times since {year}, {said}."]
PLANS = ["{a} will travel to {capital_b} {next} for talks with {b}, {said}.",
         "{a} is scheduled to meet {b} {next}, {said}."]
FILLER = [
    "{country_a}'s economy grew by {pct} percent in the last quarter, the statistics office said.",
    "Trade between {country_a} and {country_b} reached ${bn} billion last year, up from ${bn2} billion in {year}.",
    "The two countries established diplomatic relations in {old_year}.",
    "{analyst}, a senior fellow at the {think} in {place}, said the relationship had been {adj} for years.",
    "\u201cWe are watching this very closely,\u201d {analyst} told reporters in {place}.",
    "Protests continued in {place} over fuel prices, with police reporting {n} arrests.",
    "The central bank of {country_b} kept its key rate at {pct} percent on {weekday}.",
    "Officials in {capital_a} said a new {industry} agreement was close to completion.",
    "Talks on the {industry} deal had stalled in {old_year} over {grievance}.",
    "The ministry said more than {n} delegates were expected at the {summit}.",
    "Opposition lawmakers in {country_a} criticised the government's handling of {topic}.",
    "Markets in {place} rose {pct} percent after the announcement.",
]
TOPICS = ["trade", "the war in Ukraine", "energy security", "climate finance", "the situation in Gaza",
          "regional security", "grain exports", "debt relief", "the nuclear programme", "migration"]
SUMMITS = ["G20 summit", "UN General Assembly", "BRICS summit", "ASEAN summit", "Munich Security Conference",
           "NATO summit", "African Union summit", "Shanghai Cooperation Organisation summit"]
GRIEVANCES = ["remarks by an official", "a border incident", "the detention of a citizen", "airspace violations",
              "new sanctions", "a fishing dispute"]
PLACES = ["Geneva", "Vienna", "Doha", "Istanbul", "Singapore", "Addis Ababa", "Jakarta", "New York", "Bali",
          "Johannesburg", "Astana", "Cairo", "Lima"]
ANALYSTS = ["Maria Keller", "Tom Hardy", "Aiko Tanaka", "Samuel Osei", "Lucia Gomez", "Ahmed Nasser",
            "Priya Raman", "Jonas Berg"]
THINK = ["Institute for Strategic Studies", "Center for Global Policy", "Asia Society", "Chatham House"]
INDUSTRIES = ["energy", "fisheries", "rail", "defence", "pharmaceutical", "semiconductor", "grain"]
ADJ = ["strained", "warm", "complicated", "cautious", "improving"]
# Clauses that lengthen a sentence the way wire copy does.
CLAUSES = ["amid growing concern over {topic} in the region and beyond",
           "as diplomats in {place} sought to narrow differences ahead of the {summit}",
           "a point that officials in {capital_a} have repeatedly stressed in recent months",
           "according to people familiar with the discussions who spoke on condition of anonymity",
           "in what observers described as a carefully choreographed show of goodwill",
           "while negotiators continued to work on a joint statement on {topic}"]
SAID = ["the ministry said in a statement", "officials said", "state media reported", "a spokesperson said",
        "according to a readout", "his office said", "the presidency said"]


@dataclass(frozen=True)
class GeneratedArticle:
    name: str
    published: date
    source: str
    text: str

    def as_file(self) -> str:
        return f"---\nsource: {self.source}\npublished: {self.published.isoformat()}\n---\n{self.text}\n"

    def as_json(self) -> str:
        return json.dumps({"id": self.name, "source": self.source, "published": self.published.isoformat(),
                           "text": self.text}, ensure_ascii=False)


class _Cast:
    """The office holders of a random date, with the words that introduce them."""

    def __init__(self, rng: random.Random, on: date):
        kb = default()
        holders = []
        for state in (a for a in kb.actors.values() if a.kind is Kind.state):
            for office in ("hos", "hog", "fm"):
                person = kb.holder(state.country, office, on)
                if person and not any(r.nominal for r in kb.roles_on(person.id, on) if r.country == state.country):
                    title = next((r.title for r in kb.roles_on(person.id, on) if r.country == state.country), office)
                    holders.append((state, person, "Foreign Minister" if title == "fm" else title))
        self.people = rng.sample(holders, k=min(len(holders), rng.randint(3, 6)))
        self.kb = kb
        self.named: set[str] = set()

    def mention(self, rng: random.Random, i: int) -> str:
        state, person, title = self.people[i]
        if person.id not in self.named:
            self.named.add(person.id)
            return f"{_demonym(self.kb, state)} {title} {person.name}"
        surnames = [s for s in self.kb.surnames_of.get(person.id, ()) if len(self.kb.surnames[s]) == 1]
        short = next((w for w in person.name.split() if name_key(w) in surnames), person.name)
        return rng.choice([short, f"the {_demonym(self.kb, state)} {title.lower()}", person.name])


def _demonym(kb, state) -> str:
    found = [d for d, code in kb.demonyms.items() if code == state.country]
    return found[0].title() if found else state.name


def _when(rng: random.Random, published: date) -> tuple[str, date]:
    kind = rng.random()
    if kind < 0.4:
        back = rng.randint(0, 6)
        day = published - timedelta(days=back)
        return ("on " + WEEKDAYS[day.weekday()], day) if back else ("today", day)
    if kind < 0.7:
        day = published - timedelta(days=rng.randint(7, 300))
        return f"on {MONTHS[day.month - 1]} {day.day}", day
    if kind < 0.85:
        return rng.choice(["last month", "earlier this month", "last week"]), published
    day = published - timedelta(days=rng.randint(400, 2000))
    return f"in {MONTHS[day.month - 1]} {day.year}", day


def _fill(rng: random.Random, template: str, cast: _Cast, a: int, b: int, published: date) -> str:
    state_a, _, _ = cast.people[a]
    state_b, _, _ = cast.people[b]
    when, _ = _when(rng, published)
    # only the actors the sentence names count as introduced
    mention = lambda k, slot: cast.mention(rng, k) if "{" + slot + "}" in template else ""  # noqa: E731
    return template.format(
        a=mention(a, "a"), b=mention(b, "b"), when=when, said=rng.choice(SAID), topic=rng.choice(TOPICS),
        summit=rng.choice(SUMMITS), place=rng.choice(PLACES), grievance=rng.choice(GRIEVANCES),
        country_a=state_a.name, country_b=state_b.name, capital_a=_capital(state_a), capital_b=_capital(state_b),
        next=rng.choice(["next week", "next month", f"in {MONTHS[(published.month + 1) % 12]}"]),
        count=rng.choice(["three", "five", "several", "12"]), year=published.year - rng.randint(1, 4),
        old_year=rng.randint(1950, 2005), pct=f"{rng.uniform(0.1, 9.9):.1f}", bn=rng.randint(5, 400),
        bn2=rng.randint(5, 400), analyst=rng.choice(ANALYSTS), think=rng.choice(THINK), adj=rng.choice(ADJ),
        n=rng.randint(20, 3000), weekday=rng.choice(WEEKDAYS), industry=rng.choice(INDUSTRIES),
    )


_CAPITALS: dict[str, str] = {}


def _capital(state) -> str:
    if not _CAPITALS:
        import tomllib
        from importlib import resources
        data = tomllib.loads(resources.files("contacts.kb.data").joinpath("states.toml").read_text("utf-8"))
        _CAPITALS.update({code: (entry.get("capitals") or [entry.get("name", code)])[0] for code, entry in data.items()})
    return _CAPITALS.get(state.country, state.name)


def article(seed: int) -> GeneratedArticle:
    rng = random.Random(seed)
    published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3900))
    cast = _Cast(rng, published)
    sentences: list[str] = []
    target = round(rng.triangular(10, 40, 40))
    while len(sentences) < target:
        a, b = rng.sample(range(len(cast.people)), 2)
        roll = rng.random()
        if roll < 0.3:
            mode = rng.choice(list(CONTACTS))
            template = rng.choice(CONTACTS[mode])
        elif roll < 0.42:
            template = rng.choice(TRAPS)
        elif roll < 0.5:
            template = rng.choice(PLANS)
        else:
            template = rng.choice(FILLER)
        if rng.random() < 0.6 and template.endswith(".") and "\u201d" not in template:
            template = template[:-1] + ", " + rng.choice(CLAUSES) + "."
        text = _fill(rng, template, cast, a, b, published)
        sentences.append(text[0].upper() + text[1:])
    paragraphs, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[i:i + n]))
        i += n
    return GeneratedArticle(f"gen{seed:07d}", published, rng.choice(SOURCES), "\n\n".join(paragraphs))


def articles(n: int, seed: int = 0) -> Iterator[GeneratedArticle]:
    for i in range(n):
        yield article(seed * 10_000_000 + i)


def write(n: int, out: Path, seed: int = 0) -> Path:
    """N articles as .txt files under `out`, or as one JSON Lines file if `out` ends in .jsonl."""
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for a in articles(n, seed):
                fh.write(a.as_json() + "\n")
        return out
    out.mkdir(parents=True, exist_ok=True)
    for a in articles(n, seed):
        (out / f"{a.name}.txt").write_text(a.as_file(), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out", type=Path, help="a folder for .txt files, or a .jsonl file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write(args.n, args.out, args.seed))


if __name__ == "__main__":
    main()
