"""The knowledge base's records: actors and their time-bounded roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from contacts.dates import DateInterval


class Kind(str, Enum):
    person = "person"
    state = "state"
    org = "org"


# Offices every state has; other offices (ambassador, envoy …) are free text.
HEAD_OF_STATE, HEAD_OF_GOVERNMENT, FOREIGN_MINISTER, LEADER = "hos", "hog", "fm", "leader"


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: Kind
    country: str | None
    aliases: tuple[str, ...] = ()
    leader_office: str = HEAD_OF_STATE   # states: which office "the leader" is
    presidential: bool = False           # states: the head of state also heads the government


@dataclass(frozen=True, slots=True)
class Role:
    actor: str
    office: str
    title: str
    country: str
    start: DateInterval = field(default_factory=DateInterval.unknown)
    end: DateInterval = field(default_factory=DateInterval.unknown)
    nominal: bool = False    # a ceremonial headship (Charles III of Canada): not whom the holder speaks for
    joint: bool = False      # one of several holding the office together (Bosnia's presidency)

    def holds_on(self, day: date) -> bool:
        """In office on `day`? Imprecise bounds count in the holder's favour."""
        began = self.start.start is None or self.start.start <= day
        ended = self.end.end is not None and self.end.end < day
        return began and not ended
