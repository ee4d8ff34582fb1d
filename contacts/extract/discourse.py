"""Parties a sentence leaves to the article.

A frame with one side only takes the other from the article's recent frames of
its mode: "Türkiye called in the ambassadors of nine countries. … Ambassadors of
the US, the Netherlands and Italy had been summoned to the Foreign Ministry":
the summoner of the second sentence is the first one's. Only the acting side
(who) is carried, only within a few sentences, and only for the directed modes
whose frames keep one side (frames.py), so a stray trigger far from its actor
borrows nothing.
"""

from __future__ import annotations

from contacts.dates import DateInterval
from contacts.extract.frames import Frame
from contacts.kb import Actor

RECENT = 3       # sentences a party is remembered for
# Rules whose words name no mode of their own ("discussed the developments with X"): the contact is
# of the mode its subject was just engaged in ("held a series of phone conversations …"), else none.
CONTEXTUAL = frozenset({"talks.discussed-with"})
# Words naming the people a sender sent, as the subject of their visits.
_TEAMS = frozenset({"team", "envoys", "envoy", "delegation", "emissaries", "emissary", "mission"})


class Discourse:
    """The article so far: who acted last in each mode, and in which sentence."""

    _envoy_status = "occurred"

    def __init__(self) -> None:
        self._who: dict[str, tuple[int, Actor, DateInterval]] = {}
        self._doing: dict[str, tuple[int, str]] = {}      # a person's id -> (sentence, mode) of their last act

    def _in_context(self, f: Frame, sentence: int) -> Frame | None:
        doing = self._doing.get(f.who.id) if f.who is not None else None
        if doing is None or sentence - doing[0] > 2:
            return None
        return f._replace(mode=doing[1])

    def complete(self, frames: list[Frame], sentence: int, words: frozenset[str] = frozenset()) -> list[Frame]:
        """The sentence's frames with one-sided ones completed (or dropped when nothing fits). `words`:
        the sentence's token keys (a team of envoys named as the visitor)."""
        out: list[Frame] = []
        for f in frames:
            if f.rule in CONTEXTUAL:
                in_context = self._in_context(f, sentence)
                if in_context is None:
                    continue
                f = in_context
            if f.who is not None:
                self._who[f.mode] = (sentence, f.who, f.date)
                self._doing[f.who.id] = (sentence, f.mode)
            if f.complete:
                out.append(f)
            elif f.who is None and f.whom is not None:
                seen = self._who.get(f.mode)
                sent = self._who.get("envoy")
                if seen is not None and sentence - seen[0] <= RECENT:
                    # the same act told again: its date too, when this sentence gives none
                    out.append(f._replace(who=seen[1], complete=True, date=f.date if f.date.known else seen[2]))
                elif f.mode == "visit" and sent is not None and sentence - sent[0] <= RECENT \
                        and not _TEAMS.isdisjoint(words):
                    # "the team … would also visit Niger, Ghana and Senegal": the sender's envoy to each
                    out.append(f._replace(mode="envoy", who=sent[1], complete=True, status=self._envoy_status,
                                          date=f.date if f.date.known else sent[2]))
            if f.mode == "envoy" and f.who is not None:
                self._envoy_status = f.status
        return out
