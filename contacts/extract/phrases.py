"""Phrases: the actor mentions of a sentence grouped into the noun phrases that take part.

This layer sits between actor mentions (actors.py) and frames (frames.py). A
phrase is one party of a contact however many mentions its words hold, so the
frame rules see "the President of the Republic of Tajikistan Emomali Rahmon"
as one party (Rahmon) after "with", not a state after "of" and a name:

- a state that qualifies a person belongs to that person's phrase ("Ethiopia's
  Prime Minister, Abiy Ahmed", "Mirziyoyev of Uzbekistan");
- an apposition belongs to the name before it ("Abiy Ahmed, Prime Minister of
  Ethiopia"), and makes an unknown name an official of that state ("Sergei
  Shoigu, Secretary of Russia's Security Council");
- a list of states and a list of names of the same length pair up, in order
  ("the foreign ministers of Malaysia and Tajikistan, A and B", "the Polish and
  Gabonese foreign ministers, A and B", "…, respectively");
- the title words before a name are part of its phrase, so the word before a
  phrase is its preposition;
- a surname the article introduced for a person the knowledge base lacks is
  that person again.

Phrases are ActorMentions (first and last token, actors, via): frames read them
as they read mentions.
"""

from __future__ import annotations

from contacts.extract.actors import ActorMention, ArticleActors, official, rules
from contacts.extract.tokens import JOINERS, Token, Tokens
from contacts.kb import Kind, KnowledgeBase, name_key

# Words of formal state names and bodies between a title and its state ("the Federal
# Democratic Republic of Ethiopia", "the Halk Maslahaty").
_STATE_NAME_WORDS = frozenset({"republic", "federation", "federal", "democratic", "people", "peoples", "kingdom",
                               "islamic", "arab", "united", "socialist", "plurinational", "bolivarian", "state",
                               "states", "sultanate", "emirate", "principality", "grand", "duchy", "commonwealth"})
_LINKS = frozenset({"of", "the", "'", "’", "s", "-", "‐", "for", "and"})
_DATE_WORDS = frozenset({"today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
                         "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december", "on", "in", "at"})


_VOCABULARIES: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def _title_vocabulary(kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of a title (the rules' title words, the knowledge base's offices, their plurals),
    and the plural forms among them."""
    digest = kb.digest()
    if digest not in _VOCABULARIES:
        words = _vocabulary(kb)
        _VOCABULARIES[digest] = words, frozenset(w + "s" for w in words) - {"affairs"}
    return _VOCABULARIES[digest]


def _vocabulary(kb: KnowledgeBase) -> frozenset[str]:
    words = set(rules()["title_words"]) | {w for key in kb.titles for w in key.split()}
    words |= {w + "s" for w in words} | {"ministers", "secretaries", "chairman", "chairwoman", "chair",
                                         "honorable", "honourable", "excellency", "right", "his", "her",
                                         "dr", "general-secretary", "secretary-general", "deputy", "acting",
                                         "former", "then", "incumbent", "outgoing", "interim", "excellencies"}
    return frozenset(words - _LINKS)


class _Sentence:
    """One sentence's tokens and mentions, with the tests the phrase rules share (their look-ups
    indexed once per change of the mentions: the rules ask them for every token)."""

    def __init__(self, tokens: list[Token], mentions: list[ActorMention], ctx: ArticleActors) -> None:
        self.tokens, self.ctx, self.kb = tokens, ctx, ctx.kb
        self.keys = tokens.keys if isinstance(tokens, Tokens) else [t.key for t in tokens]
        self.keyset = frozenset(self.keys)
        self.mentions = sorted(mentions, key=lambda m: m.first)
        # "the ministers Jaishankar spoke to": a plural title is not the title of the name after it
        self.titles, self.plurals = _title_vocabulary(self.kb)     # (built once per knowledge base)
        self.state_words = _state_words(self.kb)
        texts = tokens.texts if isinstance(tokens, Tokens) else [t.text for t in tokens]
        self.caps = [text[:1].isupper() for text in texts]
        # A headline in title case ("Ethiopian PM Holds Talks With Djiboutian President"): capitals say nothing
        words = [cap for cap, text in zip(self.caps, texts) if text.isalpha()]
        self.headline = len(words) >= 4 and sum(words) > 0.7 * len(words)
        self._lexical: dict[int, tuple[str, int]] | None = None
        self._indexed: list[ActorMention] | None = None      # the mentions list the indexes below are of

    def _index(self) -> None:
        if self._indexed is not self.mentions:
            self._indexed = self.mentions
            self._by_first = {m.first: m for m in reversed(self.mentions)}
            self._covered = {i for m in self.mentions for i in range(m.first, m.last + 1)}

    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def is_title(self, i: int) -> bool:
        return self.key(i) in self.titles

    def is_material(self, i: int) -> bool:
        """A word a title phrase is made of: a title word, a link, a state name's word, a capitalised word."""
        key = self.keys[i]
        if key in self.titles or key in _LINKS or key in _STATE_NAME_WORDS:
            return True
        return i > 0 and self.caps[i] and not self.headline and self.tokens[i].text.isalpha() and key not in _DATE_WORDS

    def at(self, i: int) -> ActorMention | None:
        self._index()
        return self._by_first.get(i)

    def covered(self, i: int) -> bool:
        self._index()
        return i in self._covered

    def lexical_states(self) -> dict[int, tuple[str, int]]:
        """Capitalised words that name or qualify a state, by first token: (code, last token)."""
        if self._lexical is None:
            self._lexical = {}
            for i, capital in enumerate(self.caps):
                if capital:
                    found = _lexical_state(self, i)
                    if found:
                        self._lexical[i] = found
        return self._lexical


def _person(m: ActorMention) -> bool:
    actors = m.actors
    return actors[0].kind is Kind.person if len(actors) == 1 else all(a.kind is Kind.person for a in actors)


def _state(m: ActorMention) -> bool:
    """A mention of a state or an organisation (the parties officials speak for)."""
    return m.via in ("state", "name", "demonym") and all(a.kind in (Kind.state, Kind.org) for a in m.actors)


# ---- a state that qualifies a person -------------------------------------------------------
def _qualifier_gap(s: _Sentence, start: int, end: int) -> bool:
    """Tokens [start, end) between a state and the person it qualifies: title material, with a
    comma only at the end and only after a title ("Israel's Foreign Minister, Israel Katz")."""
    gap = range(start, end)
    if any(s.tokens[i].text == "," or s.key(i) == "and" for i in gap[:-1]):
        return False        # "his Australian counterpart and the Indian foreign minister": two parties
    if gap and s.tokens[gap[-1]].text == ",":
        # "President of Somalia, Mohamed Farmajo": the title may also stand before the state
        # "President of Somalia, Mohamed Farmajo", "her counterparts from Japan, Yoko Kamikawa"
        titled_before = s.key(start - 2) in ("of", "from") or (s.key(start - 2) == "the" and s.key(start - 3) == "of")
        return (any(s.is_title(i) for i in gap[:-1]) or (titled_before and len(gap) == 1)) \
            and all(s.is_material(i) for i in gap[:-1])
    return all(s.is_material(i) for i in gap)


def _apposition_end(s: _Sentence, comma: int) -> int:
    """Last token of an apposition opening after the comma at `comma` (title material and states,
    closed by a comma, a full stop or the end), or -1 when what follows is not one."""
    i, has_title = comma + 1, False
    while i < len(s.tokens):
        m = s.at(i)
        if m is not None and _state(m):
            i = m.last + 1
            continue
        if s.tokens[i].text in (",", ".", ";", ")") or s.key(i) == "and" or not s.is_material(i) or \
                (m is not None and not _state(m)):
            break
        has_title = has_title or s.is_title(i)
        i += 1
    # an apposition is closed by punctuation: "Kishida, his Australian counterpart and the Indian
    # minister" is a list (the "and" ends the search), "Chissano, former President of Mozambique, and …" not
    closed = i >= len(s.tokens) or s.tokens[i].text in (",", ".", ";", ")")
    return i - 1 if has_title and closed and i - 1 > comma else -1


_HONOURS = frozenset({"excellency", "excellencies", "majesty", "highness", "holiness", "eminence"})


def _absorb_abbreviations(s: _Sentence) -> list[ActorMention]:
    """"the United Kingdom (UK)": the bracketed short name is the same mention."""
    out: list[ActorMention] = []
    for m in s.mentions:
        prev = out[-1] if out else None
        if prev is not None and m.actors == prev.actors and s.key(m.first - 1) == "(" and \
                m.first - 1 == prev.last + 1 and s.key(m.last + 1) == ")":
            out[-1] = prev._replace(last=m.last + 1)
        else:
            out.append(m)
    return out


def _drop_bodies(s: _Sentence) -> list[ActorMention]:
    """"Russia's Security Council", "Sweden's National Security Council": an organisation's name
    after a state's possessive is that state's own body, not the organisation."""
    out: list[ActorMention] = []
    for m in s.mentions:
        prev = out[-1] if out else None
        if prev is not None and _state(prev) and all(a.kind is Kind.org for a in m.actors) and \
                all(s.key(i) in ("'", "’", "s") or s.caps[i] for i in range(prev.last + 1, m.first)):
            continue
        out.append(m)
    return out


def _drop_honorifics(s: _Sentence) -> list[ActorMention]:
    """"His Excellency", "Her Majesty" are a title, not a pronoun."""
    return [m for m in s.mentions if not (m.via == "pronoun" and m.first == m.last and s.key(m.last + 1) in _HONOURS)]


def _title_of_the_one_before(s: _Sentence, out: list[ActorMention], state: ActorMention) -> bool:
    """"Sergey Lavrov, Foreign Minister of Russia, Jean-Marc Ayrault, …": the title between two names
    is the one's who belongs to its state (against "Masisi, President of Somalia, Mohamed Farmajo")."""
    before = out[-2] if len(out) >= 2 else None
    if before is None or not _person(before) or s.key(before.last + 1) != "," or not s.ctx.on:
        return False
    if any(not s.is_material(i) for i in range(before.last + 2, state.first)):
        return False
    code = state.actors[0].country
    return s.kb.country_of(before.actors[0], s.ctx.on) == code


def _absorb_qualifiers(s: _Sentence) -> list[ActorMention]:
    out: list[ActorMention] = []
    for m in s.mentions:
        prev = out[-1] if out else None
        if prev is not None and _person(m) and _person(prev) and m.first == prev.last + 1 and m.via == "surname":
            out[-1] = prev._replace(last=m.last)              # "Ellen Sirleaf Johnson": one name, not two people
            for actor in m.actors:
                s.ctx.forget(actor)
        elif prev is not None and _person(m) and _state(prev) and _qualifier_gap(s, prev.last + 1, m.first) \
                and not _title_of_the_one_before(s, out, prev):
            out[-1] = m._replace(first=prev.first)            # "Ethiopia's Prime Minister, Abiy Ahmed"
        elif prev is not None and _state(m) and _person(prev) and s.key(m.first - 1) == "of" \
                and m.first - 1 == prev.last + 1:
            out[-1] = prev._replace(last=m.last)              # "Shavkat Mirziyoyev of Uzbekistan"
        elif prev is not None and _person(m) and _person(prev) and s.tokens[prev.last + 1].text == "," \
                and m.first == prev.last + 2 and (set(m.actors) == set(prev.actors) or
                                                  (prev.via == "title" and m.via in ("name", "surname", "pattern"))):
            # "Putin, the Russian president": one person; "Abu Dhabi's crown prince, Sheikh Mohammed
            # bin Zayed": the name says who the title meant
            out[-1] = prev._replace(last=m.last, actors=m.actors if prev.via == "title" else prev.actors)
        else:
            out.append(m)
    s.mentions = out
    return _absorb_appositions(s)


def _absorb_appositions(s: _Sentence) -> list[ActorMention]:
    """"Abiy Ahmed, Prime Minister of the Federal Democratic Republic of Ethiopia": the states inside
    the apposition are part of the person's phrase."""
    out: list[ActorMention] = []
    skip_to = -1
    for m in s.mentions:
        if m.first <= skip_to:
            continue
        if _person(m) and s.key(m.last + 1) == ",":
            end = _apposition_end(s, m.last + 1)
            # "Masisi, President of Somalia, Mohamed Farmajo": the title is the next name's
            states = [o for o in s.mentions if m.last < o.first <= end and _state(o)]
            next_named = s.key(end + 1) == "," and any(o.first == end + 2 and _person(o) for o in s.mentions)
            his = bool(states) and s.ctx.on is not None and \
                s.kb.country_of(m.actors[0], s.ctx.on) == states[-1].actors[0].country
            if end > 0 and states and (his or not next_named):
                out.append(m._replace(last=end))
                skip_to = end
                continue
        out.append(m)
    return out


# ---- names the knowledge base lacks, given a state by an apposition ----------------------------
def _name_run(s: _Sentence, i: int) -> int:
    """Last token of a run of capitalised name words starting at i (particles and joiners inside), or i-1."""
    particles = rules()["name_particles"]
    last, j = i - 1, i
    while j < len(s.tokens):
        tok = s.tokens[j]
        if tok.capitalised and tok.text.isalpha() and not s.is_title(j) and tok.key not in _DATE_WORDS:
            last = j
        elif not ((tok.text in JOINERS or tok.key in particles) and last >= i):
            break
        j += 1
    return last


def _new_officials(s: _Sentence) -> list[ActorMention]:
    """"Raychelle Omamo, Kenya's foreign minister" and "Somalia's foreign minister, Mohamed
    Abdirizak": an unknown name in apposition with a title of a state is an official of it."""
    added: list[ActorMention] = []
    for m in s.mentions + _bare_states(s):
        if not _state(m):
            continue
        # the name before: "<Name>, <title material with this state>"
        start = m.first
        while start > 0 and s.is_material(start - 1) and s.tokens[start - 1].text != ",":
            start -= 1
        if s.key(start - 1) == "," and (any(s.is_title(i) for i in range(start, m.first)) or
                                        _title_follows(s, m.last + 1)):
            end = start - 2
            first = end
            while first > 0 and (s.caps[first - 1] or s.tokens[first - 1].text in JOINERS
                                 or s.key(first - 1) in rules()["name_particles"]) \
                    and not s.covered(first - 1) and s.tokens[first - 1].text != ",":
                first -= 1
            found = _official(s, first, end, m, start)
            if found:
                added.append(found)
                continue
        # "President of Sudan Omar Hassan Ahmad al-Bashir": a title of the state, then the name
        if s.key(m.first - 1) == "of" and s.is_title(m.first - 2) and m.last + 1 < len(s.tokens) \
                and s.caps[m.last + 1] and not s.covered(m.last + 1):
            found = _official(s, m.last + 1, _name_run(s, m.last + 1), m, m.first - 2)
            if found:
                added.append(found)
                continue
        # the name after: "<state>'s <title>, <Name>"
        j = m.last + 1
        while j < len(s.tokens) and s.is_material(j) and not s.covered(j):
            j += 1
        if j < len(s.tokens) and s.tokens[j].text == "," and any(s.is_title(i) for i in range(m.first + 1, j)):
            # one name, or a list after a plural title ("the three AU envoys, A, B and C")
            names = _name_list(s, j + 1) if s.key(j - 1) in s.plurals else [(j + 1, _name_run(s, j + 1))]
            for first, last in names:
                found = _official(s, first, last, m, m.first) if last > first else None
                if found:
                    added.append(found)
    return added


def _title_follows(s: _Sentence, i: int) -> bool:
    """"Israel's Strategic Affairs Minister": a title among the material words from i on."""
    while i < len(s.tokens) and s.is_material(i) and not s.covered(i):
        if s.is_title(i):
            return True
        i += 1
    return False


def _bare_states(s: _Sentence) -> list[ActorMention]:
    """States named by words no mention covers ("Ghana's deputy foreign minister": the assembler
    makes no mention of a title it cannot resolve to a person)."""
    found: list[ActorMention] = []
    for i, (code, last) in s.lexical_states().items():
        if not s.covered(i) and not any(m.first <= i <= m.last for m in found):
            actor = s.kb.state(code)
            if actor is not None:
                found.append(ActorMention(i, last, (actor,), "state"))
    return found


def _official(s: _Sentence, first: int, last: int, state: ActorMention, title_from: int) -> ActorMention | None:
    if first > last or first < 0 or any(s.covered(i) for i in range(first, last + 1)):
        return None
    if last - first + 1 < 2 or s.tokens[first].key in _DATE_WORDS:
        return None
    title = " ".join(t.key for t in s.tokens[title_from:state.first] if s.is_title(t.i))
    person = official(s.tokens, first, last, state.actors[0].country, title, s.ctx)
    return ActorMention(first, last, (person,), "pattern") if person else None


# ---- lists of states paired with lists of names ------------------------------------------------
def _state_at(s: _Sentence, i: int) -> tuple[str, int] | None:
    """The state a word (or up to four) at i names or qualifies, and its last token."""
    m = s.at(i)
    if m is not None and _state(m):
        return m.actors[0].country, m.last
    return s.lexical_states().get(i)


_STATE_WORDS: dict[str, tuple[dict[str, str], frozenset[str]]] = {}


def _state_words(kb: KnowledgeBase) -> tuple[dict[str, str], frozenset[str]]:
    """Every demonym and name of exactly one state, by its key: the state's code; and the words
    such a name begins with."""
    digest = kb.digest()
    if digest not in _STATE_WORDS:
        table = {key: code for key, code in kb.demonyms.items()}
        for key, ids in kb.names.items():
            states = [kb.actors[a] for a in ids if kb.actors[a].kind is Kind.state]
            if len(states) == 1 and key not in table:
                table[key] = states[0].country
        _STATE_WORDS[digest] = table, frozenset(key.split(" ")[0] for key in table)
    return _STATE_WORDS[digest]


def _lexical_state(s: _Sentence, i: int) -> tuple[str, int] | None:
    table, firsts = s.state_words
    if s.keys[i] not in firsts:
        return None
    for n in range(4, 0, -1):
        code = table.get(" ".join(s.keys[i:i + n]))
        if code:
            return code, min(i + n, len(s.keys)) - 1
    return None


def _glue_after(s: _Sentence, i: int) -> int:
    """The index after list glue at i (", ", " and ", ", and "), or i when there is none."""
    j = i
    if s.key(j) == ",":
        j += 1
    if s.key(j) in ("and", "&"):
        j += 1
    return j


def _state_list(s: _Sentence, i: int, spans: list | None = None) -> tuple[list[str], int]:
    """The states listed from token i ("Egypt, Sudan and Ethiopia") and the list's last token;
    `spans` collects each state's first and last token."""
    codes: list[str] = []
    last, j = i - 1, i
    while (found := _state_at(s, j)) is not None:
        codes.append(found[0])
        if spans is not None:
            spans.append((j, found[1]))
        last = found[1]
        j = _glue_after(s, last + 1)
        if j == last + 1:
            break
    return codes, last


def _name_list(s: _Sentence, i: int) -> list[tuple[int, int]]:
    """Names (known people or capitalised runs) from i, joined by list glue."""
    names: list[tuple[int, int]] = []
    j = i
    while j < len(s.tokens):
        m = s.at(j)
        last = m.last if m is not None and _person(m) else (-1 if m is not None else _name_run(s, j))
        if last < j:
            break
        names.append((j, last))
        nxt = _glue_after(s, last + 1)
        if nxt == last + 1:
            break
        j = nxt
    return names


def _plural_title(s: _Sentence, start: int, end: int) -> bool:
    """Tokens [start, end] are a plural title ("foreign ministers", "ambassadors")."""
    keys = [s.key(i) for i in range(start, end + 1) if s.key(i) not in ("the", ",")]
    return bool(keys) and all(k in s.titles for k in keys) and keys[-1].endswith("s")


def _paired_lists(s: _Sentence) -> list[tuple[list[str], list[tuple[int, int]], int, int]]:
    """(states, names, first token, last token) of each state list paired with a name list."""
    found = []
    done = -1
    for i in _state_starts(s):
        if i <= done:
            continue
        codes, last = _state_list(s, i)
        if len(codes) < 2:
            continue
        pairing = _names_for(s, i, last, len(codes))
        if pairing:
            names, first, end = pairing
            found.append((codes, names, first, end))
            done = end
        else:
            done = last
    return found


def _state_starts(s: _Sentence) -> list[int]:
    """The tokens a state list may begin at: state mentions and words naming a state."""
    return sorted(set(s.lexical_states()) | {m.first for m in s.mentions if _state(m)})


def _names_for(s: _Sentence, first: int, last: int, n: int) -> tuple[list[tuple[int, int]], int, int] | None:
    # "the A and B foreign ministers, X and Y"
    j = last + 1
    while j < len(s.tokens) and s.key(j) in s.titles:
        j += 1
    if j > last + 1 and _plural_title(s, last + 1, j - 1) and s.key(j) == ",":
        names = _name_list(s, j + 1)
        if len(names) == n:
            return names, first, names[-1][1]
    # "the foreign ministers of A and B, X and Y"
    k = first - 1
    if s.key(k) == "of":
        t = k - 1
        while t >= 0 and s.key(t) in s.titles:
            t -= 1
        if t < k - 1 and _plural_title(s, t + 1, k - 1) and s.key(last + 1) == ",":
            names = _name_list(s, last + 2)
            if len(names) == n:
                return names, t + 1, names[-1][1]
    return None


def _office_holders(s: _Sentence) -> list[ActorMention]:
    """"the presidents of Brazil and Colombia", "the leaders of Egypt and Jordan" with no names after
    them: each state's holder of the office on the article's date."""
    out = list(s.mentions)
    done = -1
    for i in _state_starts(s):
        if i <= done or s.key(i - 1) != "of" or not s.ctx.on:
            continue
        spans: list[tuple[int, int]] = []
        codes, last = _state_list(s, i, spans)
        done = last
        if len(codes) < 2:
            continue
        title = s.key(i - 2)
        office = s.kb.titles.get(title[:-1]) if title.endswith("s") else None
        office = office or s.kb.titles.get(f"{s.key(i - 3)} {title[:-1]}")
        holders = [s.kb.holder(c, office, s.ctx.on) for c in codes] if office else []
        named = s.key(last + 1) == "," and bool(_name_list(s, last + 2))    # their names follow: theirs
        former = "former" in (s.key(i - 3), s.key(i - 4))
        # ministers named by office alone stand for their states (dev set conventions); leaders are known
        leaders = office in ("hos", "hog", "leader")
        if holders and all(holders) and not named and not former and leaders:
            first = i - 2 if s.kb.titles.get(title[:-1]) else i - 3
            out = [m for m in out if not (first <= m.first and m.last <= last)]
            spans[0] = (first, spans[0][1])           # the title opens the first holder's phrase
            out += [ActorMention(a, b, (h,), "title") for (a, b), h in zip(spans, holders)]
    return sorted(out, key=lambda m: (m.first, m.last))


def _pair_lists(s: _Sentence) -> list[ActorMention]:
    out = list(s.mentions)
    for codes, names, first, end in _paired_lists(s):
        people = []
        for (a, b), code in zip(names, codes):
            m = s.at(a)
            if m is not None and _person(m):
                people.append(m)
                continue
            state = s.kb.state(code)
            person = official(s.tokens, a, b, code, "", s.ctx) if state else None
            if person:
                people.append(ActorMention(a, b, (person,), "pattern"))
        if len(people) != len(names):
            continue
        people[0] = people[0]._replace(first=first)      # the list's title opens its first name's phrase
        out = [m for m in out if not (first <= m.first and m.last <= end)] + people
    return sorted(out, key=lambda m: m.first)


# ---- titles before a name, and surnames of people found in text --------------------------------
def _extend_titles(s: _Sentence) -> list[ActorMention]:
    """A person's phrase opens at the title words before the name ("the National Leader of … X")."""
    out: list[ActorMention] = []
    for m in s.mentions:
        first = m.first
        if _state(m) and s.key(first - 1) == "of" and (s.key(first - 2) in s.plurals or s.is_title(first - 2)):
            # "the Foreign Affairs Ministers and Water Resources Ministers of Egypt, Sudan and Ethiopia"
            floor = out[-1].last + 1 if out else 0
            first -= 1
            while first - 1 >= floor and (s.is_title(first - 1) or s.key(first - 1) in ("and", "of") or
                                          (s.caps[first - 1] and s.is_material(first - 1))):
                first -= 1
        elif _person(m):
            floor = out[-1].last + 1 if out else 0
            while first - 1 >= floor and s.is_material(first - 1) and s.tokens[first - 1].text != "," \
                    and s.key(first - 1) not in s.plurals \
                    and s.key(first - 1) not in ("and", "-", "‐") \
                    and (s.is_title(first - 1) or s.key(first - 1) in _LINKS or s.caps[first - 1]):
                first -= 1
            while first < m.first and s.key(first) in ("and", "of", "for"):
                first += 1
        out.append(m._replace(first=first))
    return out


def _introduced_surnames(s: _Sentence) -> list[ActorMention]:
    """A capitalised word that is the surname of a person the article introduced by full name (the
    gazetteer indexes surnames of well-known people only: "Chissano" after "Joaquim Chissano")."""
    found = []
    for i, key in enumerate(s.keys):
        person = s.ctx.introduced.get(key)
        if person is None or not s.caps[i] or s.covered(i) or s.key(i + 1) == "-":
            continue
        if name_key(person.name.split()[-1]) == key:
            found.append(ActorMention(i, i, (person,), "surname"))
    return found


# ---- definite descriptions: "the minister", "the Iranian", "the envoys" -------------------------
_GROUP_NOUNS = frozenset({"envoys", "ministers", "leaders", "delegates", "delegations", "emissaries", "mediators",
                          "officials", "presidents", "negotiators", "representatives", "diplomats"})


_KINDLY = frozenset({"sisterly", "brotherly", "friendly", "neighbouring", "neighboring", "fraternal"})
_NATION = frozenset({"nation", "country", "state", "kingdom", "republic", "people", "emirate"})


def _anaphor_end(s: _Sentence, i: int) -> int:
    """Last token of "the <title words>" at i that names no one of its own (no name, no "of"
    after it), or -1."""
    j = i + 1
    while j < len(s.tokens) and j - i <= 3 and s.is_title(j) and not s.covered(j):
        j += 1
    if j > i + 1 and s.key(j) == "of" and s.key(j + 1) == "the" and s.key(j + 2) in _KINDLY \
            and s.key(j + 3) in _NATION:
        return j + 3            # "the president of the sisterly nation": a title still naming no one
    if j == i + 1 or (j < len(s.tokens) and (s.key(j) in ("of", "for") or s.caps[j]
                                             or s.covered(j))):
        return -1
    return j - 1


def _recent_person(s: _Sentence, before: int, office: str | None, country: str | None = None,
                   exclude: set | None = None, title: str = ""):
    """The person the article named last (before token `before` in this sentence), preferring one in
    `office`; of `country` when given."""
    # people named later in the sentence are someone else ("the minister spoke to Pompeo"), a pronoun may not be
    later = {a.id for m in s.mentions if m.first > before and m.via != "pronoun" for a in m.actors}
    # the last dozen people are candidates enough (and a long article's hundreds are not read each time)
    people = [a for a in s.ctx.recent_people() if a.id not in later]
    if country:
        people = [p for p in people if s.kb.country_of(p, s.ctx.on) == country]
    if exclude:
        people = [p for p in people if s.kb.country_of(p, s.ctx.on) not in exclude]
    if office and s.ctx.on:
        holding = [p for p in people if p.id in s.ctx.new_actors      # found in text: their office unknown
                   or any(r.office == office for r in s.kb.roles_on(p.id, s.ctx.on))]
        people = holding or people
    if title and s.ctx.on:              # "the president" is not the emir, though both are heads of state
        titled = [p for p in people if any(title in r.title.lower() for r in s.kb.roles_on(p.id, s.ctx.on))]
        people = titled or people
    return s.ctx.salient(people, among=4)


_PERSON_NOUNS = frozenset({"diplomat", "envoy", "official", "adviser", "advisor", "minister", "negotiator",
                           "mediator", "emissary", "secretary", "counterpart", "ambassador", "representative"})


def _named_officials(s: _Sentence) -> list[ActorMention]:
    """"the US diplomat", "the Russian envoy": the person of that state the article named lately
    (among the last few), when there is one; else the state, as before."""
    out = []
    for m in s.mentions:
        if _state(m) and s.key(m.last) in _PERSON_NOUNS and s.key(m.first - 1) == "the" and m.last > m.first:
            later = {a.id for o in s.mentions if o.first > m.first for a in o.actors}
            people = [a for a in s.ctx.recent_people(4) if a.id not in later
                      and s.kb.country_of(a, s.ctx.on) == m.actors[0].country]
            person = s.ctx.salient(people) if people else None
            if person is not None:
                out.append(m._replace(actors=(person,), via="pronoun"))
                continue
        out.append(m)
    return out


_GOVERNMENT_NOUNS = frozenset({"administration", "government", "cabinet", "regime", "team"})


def _governments(s: _Sentence) -> list[ActorMention]:
    """"the Trump administration", "Modi's government": the state the person leads."""
    out = []
    for m in s.mentions:
        after = m.last + 1
        if s.key(after) in ("'", "’") and s.key(after + 1) == "s":
            after += 2
        if _person(m) and s.key(after) in _GOVERNMENT_NOUNS and s.ctx.on:
            state = s.kb.state(s.kb.country_of(m.actors[0], s.ctx.on) or "")
            if state is not None:
                out.append(ActorMention(m.first, after, (state,), "state"))
                continue
        out.append(m)
    return out


_AIDES = frozenset({"adviser", "advisor", "aide", "envoy", "emissary", "spokesman", "spokeswoman", "negotiator",
                    "representative", "deputy"})
_SPEECH = frozenset({"said", "says", "told", "tweeted", "posted", "wrote", "announced", "stated", "added",
                     "noted", "confirmed", "insisted", "explained", "stressed", "declared", "claimed"})
_SPEECH_FILLERS = frozenset({"earlier", "later", "also", "had", "has", "then", "on", "x", "twitter", "that"})


def _aides(s: _Sentence) -> list[ActorMention]:
    """"Trump's adviser", "Putin's envoy": the person of that state the article named lately (not
    the patron himself), when there is one among the last few."""
    out = []
    for m in s.mentions:
        noun = m.last + 3
        if _person(m) and s.key(m.last + 1) in ("'", "’") and s.key(m.last + 2) == "s" \
                and s.key(noun) in _AIDES and not (noun + 1 < len(s.tokens) and s.caps[noun + 1]):
            patron = m.actors[0]
            country = s.kb.country_of(patron, s.ctx.on)
            people = [a for a in s.ctx.recent_people() if a.id != patron.id
                      and s.kb.country_of(a, s.ctx.on) == country]
            if people:
                out.append(ActorMention(m.first, noun, (s.ctx.salient(people),), "pronoun"))
                continue
        out.append(m)
    return out


def _reported_subjects(s: _Sentence) -> list[ActorMention]:
    """"Trump's adviser had tweeted that he would travel …": a pronoun opening the reported clause
    is the one who reports it."""
    out = list(s.mentions)
    for k, m in enumerate(out):
        if m.via != "pronoun" or m.first != m.last:
            continue
        j = m.first - 1        # past a fronted date: "that on October 20 he would …"
        while j > 0 and (s.key(j) in _DATE_WORDS or s.key(j).isdigit() or s.key(j) == ","):
            j -= 1
        if s.key(j) != "that":
            continue
        i = j - 1
        while i >= 0 and s.key(i) in _SPEECH_FILLERS and s.key(i) not in _SPEECH:
            i -= 1
        if s.key(i) not in _SPEECH:
            continue
        while i >= 0 and (s.key(i) in _SPEECH or s.key(i) in _SPEECH_FILLERS):
            i -= 1
        speaker = next((o for o in out if o.last == i and _person(o)), None)
        if speaker is not None:
            out[k] = m._replace(actors=speaker.actors)
    return out


_SUBORDINATORS = frozenset({"as", "when", "while", "after", "before", "once", "since", "upon", "though", "although"})


def _cataphora(s: _Sentence) -> list[ActorMention]:
    """"As he greeted Macron for a morning meeting, British Prime Minister Boris Johnson …": a pronoun
    in a clause opening the sentence is the main clause's subject named after the comma."""
    out = list(s.mentions)
    pronoun = next((k for k, m in enumerate(out) if m.via == "pronoun" and m.first <= 2 and
                    s.key(m.first) in ("he", "she")), None)
    if pronoun is None:
        return out
    comma = next((i for i in range(out[pronoun].last + 1, len(s.keys)) if s.keys[i] == "," and not s.covered(i)),
                 None)
    subject = next((m for m in out if comma is not None and comma < m.first <= comma + 6 and _person(m)
                    and m.via != "pronoun"), None)
    if subject is not None:
        out[pronoun] = out[pronoun]._replace(actors=subject.actors)
    return out


def _counterparts(s: _Sentence) -> list[ActorMention]:
    """"his Russian and Ukrainian counterparts": the holders, in those states, of the office the
    possessor holds (the possessor's own mention stays what it is)."""
    out = list(s.mentions)
    for k, word in enumerate(s.keys):
        if word != "counterparts" or not s.ctx.on:
            continue
        owner = next((m for m in out if m.via == "pronoun" and m.last < k and k - m.last <= 6
                      and s.key(m.first) in ("his", "her", "their")), None)
        if owner is None:
            continue
        codes, last = _state_list(s, owner.last + 1)
        if len(codes) < 2 or last not in (k - 1, k):       # "Ukrainian counterparts" may be one mention
            continue
        offices = [r.office for r in s.kb.roles_on(owner.actors[0].id, s.ctx.on) if r.office in ("hos", "hog", "fm")]
        holders = [s.kb.holder(c, offices[0], s.ctx.on) or s.kb.state(c) for c in codes] if offices else []
        if holders and all(holders):
            out = [m for m in out if not (owner.last < m.first and m.last <= k)]
            out += [ActorMention(owner.last + 1 + n, k if n == len(holders) - 1 else owner.last + 1 + n, (h,), "title")
                    for n, h in enumerate(holders)]
    return sorted(out, key=lambda m: m.first)


def _sent_groups(s: _Sentence) -> list[ActorMention]:
    """"the AU envoys": an organisation's envoys named together earlier are that group, and act for it."""
    out = []
    for m in s.mentions:
        org = all(a.kind is Kind.org for a in m.actors)
        if org and (s.key(m.last + 1) in _GROUP_NOUNS or (m.last > m.first and s.key(m.last) in _GROUP_NOUNS)) \
                and len(s.ctx.last_group) >= 2:
            for person in s.ctx.last_group:
                s.ctx.acting_for[person.id] = m.actors[0].country
            last = m.last + 1 if s.key(m.last + 1) in _GROUP_NOUNS else m.last
            out.append(ActorMention(m.first, last, s.ctx.last_group, "pair"))
        else:
            out.append(m)
    return out


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "both": 2}


def _counted_group(s: _Sentence, i: int) -> int:
    """"the ministers of the three European countries": the people last named together, when they
    were as many; the last token of the phrase, or -1."""
    j = i + 1
    if s.key(j) not in _GROUP_NOUNS or s.key(j + 1) != "of" or s.key(j + 2) != "the":
        return -1
    n = _COUNTS.get(s.key(j + 3))
    k = j + 4
    while k < len(s.tokens) and k - j < 7 and s.key(k) not in ("countries", "states", "nations", "governments"):
        k += 1
    if not n or k >= len(s.tokens) or not _group_of(s, n):
        return -1
    return k


def _group_of(s: _Sentence, n: int) -> tuple:
    """The people last named together, when they are `n`; or those of them who speak for states,
    when those are `n` ("the three European countries" of a list that also names the EU's envoy)."""
    group = s.ctx.last_group
    if len(group) != n:
        group = tuple(p for p in group if (c := s.kb.country_of(p, s.ctx.on)) and
                      (state := s.kb.state(c)) is not None and state.kind is Kind.state)
    return group if len(group) == n else ()


def _listed_holder(s: _Sentence, i: int, title: str, office: str | None):
    """"the Saudi King, the Crown Prince and the kingdom's foreign minister": a bare title listed
    after an official of a state is that state's holder of the title."""
    j = i - 1
    while j >= 0 and s.key(j) in (",", "and"):
        j -= 1
    prev = next((m for m in s.mentions if m.last == j and j < i - 1), None)
    if prev is None or not _person(prev) or not s.ctx.on:
        return None
    country = s.kb.country_of(prev.actors[0], s.ctx.on)
    return s.kb.holder(country, office or "", s.ctx.on, title=title) if country else None


_SEATS_OF = frozenset({"kingdom", "country", "state", "nation", "republic", "emirate", "island", "islands"})


def _anaphors(s: _Sentence):
    """The sentence's definite descriptions as mentions, yielded in order (each one is added to
    the sentence's mentions before the next is read)."""
    for tok in s.tokens:
        if tok.key != "the" or s.covered(tok.i + 1):
            continue
        if s.key(tok.i + 1) in _SEATS_OF and s.key(tok.i + 2) in ("'", "’") and s.key(tok.i + 3) == "s":
            end = _anaphor_end(s, tok.i + 3)
            if end > 0:
                words = " ".join(s.key(k) for k in range(tok.i + 4, end + 1))
                office = s.kb.titles.get(words) or s.kb.titles.get(s.key(end))
                person = _listed_holder(s, tok.i, words, office)
                if person is not None:
                    yield ActorMention(tok.i, end, (person,), "title")
            continue
        end = _anaphor_end(s, tok.i)
        if end > 0 and s.key(end) in _GROUP_NOUNS:
            if len(s.ctx.last_group) >= 2:
                yield ActorMention(tok.i, end, s.ctx.last_group, "pair")
            continue
        counted = _counted_group(s, tok.i)
        if counted > 0:
            yield ActorMention(tok.i, counted, _group_of(s, _COUNTS[s.key(tok.i + 4)]), "pair")
            continue
        if end > 0 and s.key(end) in _NATION:
            # "the president of the sisterly nation": the holder of that title in another state than
            # the sentence's other parties
            words = " ".join(s.key(k) for k in range(tok.i + 1, end + 1)).split(" of ")[0]
            others = {s.kb.country_of(a, s.ctx.on) for m in s.mentions if m.last < tok.i for a in m.actors}
            person = _recent_person(s, tok.i, s.kb.titles.get(words), exclude=others, title=words)
        elif end > 0:
            words = " ".join(s.key(k) for k in range(tok.i + 1, end + 1))
            office = s.kb.titles.get(words) or s.kb.titles.get(s.key(end))
            person = _listed_holder(s, tok.i, words, office) or _recent_person(s, tok.i, office, title=words)
        elif (code := s.kb.demonyms.get(s.key(tok.i + 1))) and s.caps[tok.i + 1] and \
                (end := _anaphor_end(s, tok.i + 1)) > 0:
            # "the Russian Security Secretary visited …": that state's person the article named lately
            words = " ".join(s.key(k) for k in range(tok.i + 2, end + 1))
            person = _recent_person(s, tok.i, s.kb.titles.get(words) or s.kb.titles.get(s.key(end)), code)
            if person is None or s.ctx.times.get(person.id, 0) < 1:
                continue
        else:      # "the Iranian held talks": a demonym alone stands for that state's person named last
            code = s.kb.demonyms.get(s.key(tok.i + 1)) if s.tokens[tok.i + 1:tok.i + 2] and \
                s.caps[tok.i + 1] else None
            after = s.tokens[tok.i + 2] if tok.i + 2 < len(s.tokens) else None
            if not code or (after is not None and (after.capitalised or after.key in s.titles)):
                continue
            end, person = tok.i + 1, _recent_person(s, tok.i, None, code)
        if person is not None:
            yield ActorMention(tok.i, end, (person,), "pronoun")


_FORMER = frozenset({"former", "ex", "ex-", "then"})


def _drop_former(s: _Sentence) -> list[ActorMention]:
    """"former foreign minister Sigmar Gabriel", "the former foreign ministers of Germany and
    Austria, A and B": people named by an office they no longer hold, and holding none that day,
    speak for no state (the dev set's conventions: ex-ministers are not actors)."""
    out = []
    for m in s.mentions:
        if _person(m) and s.ctx.on and len(m.actors) == 1 and _former_title(s, m) \
                and not s.kb.roles_on(m.actors[0].id, s.ctx.on):
            continue
        out.append(m)
    return out


def _former_title(s: _Sentence, m: ActorMention) -> bool:
    """Does "former" qualify the title before the name (in the phrase, or the list's plural title)?"""
    for i in range(m.first, m.last - 1):       # the title before the name, not an apposition after it
        if s.key(i) == ",":
            break
        if s.key(i) in _FORMER:
            return True
    i = m.first - 1
    while i > 0 and (s.key(i) in (",", "and") or s.caps[i]) and m.first - i < 20:
        i -= 1
    j = i
    while j > 0 and (s.key(j) in s.titles or s.key(j) in ("of", "the")) and i - j < 8:
        j -= 1
    return s.key(j) in _FORMER


def _note_group(s: _Sentence) -> None:
    """Remember the people this sentence names together ("A, B and C"), for "the envoys" later."""
    run: list[ActorMention] = []
    best: list[ActorMention] = []
    for m in s.mentions:
        if run and _person(m) and all(s.key(i) in (",", "and", "former", "the") or s.is_title(i)
                                      for i in range(run[-1].last + 1, m.first)):
            run.append(m)
        else:
            run = [m] if _person(m) else []
        if len(run) > len(best):
            best = list(run)
    group = tuple(dict.fromkeys(a for m in best for a in m.actors))
    if len(group) >= 2:
        s.ctx.last_group = group


def _added(step):
    """A step that finds new mentions, as one that returns the sentence's mentions with them."""
    return lambda s: sorted(s.mentions + step(s), key=lambda m: m.first)


def _with_anaphors(s: _Sentence) -> list[ActorMention]:
    for anaphor in _anaphors(s):       # in order: "the Crown Prince" helps read "the kingdom's minister"
        s.mentions = sorted(s.mentions + [anaphor], key=lambda m: m.first)
    return s.mentions


def _has(*words) -> callable:
    wanted = frozenset(words)
    return lambda s: not wanted.isdisjoint(s.keyset)


# The steps in order, each behind a test of the words it needs (most sentences need few of them),
# and whether a sentence with no trigger needs it too (for what later sentences read: new
# officials, names taken back, groups).
_STEPS = (
    (lambda s: not _HONOURS.isdisjoint(s.keyset), _drop_honorifics, True),
    (_has("("), _absorb_abbreviations, False),
    (lambda s: any(a.kind is Kind.org for m in s.mentions for a in m.actors), _drop_bodies, False),
    (lambda s: not _GOVERNMENT_NOUNS.isdisjoint(s.keyset), _governments, False),
    (lambda s: not _AIDES.isdisjoint(s.keyset), _aides, False),
    (_has("that"), _reported_subjects, False),
    (_has("counterparts"), _counterparts, False),
    (lambda s: s.keys[:1] and s.keys[0] in _SUBORDINATORS, _cataphora, False),
    (lambda s: not s.ctx.introduced.keys().isdisjoint(s.keyset), _added(_introduced_surnames), True),
    (lambda s: not s.plurals.isdisjoint(s.keyset), _pair_lists, True),
    (lambda s: "of" in s.keyset and not s.plurals.isdisjoint(s.keyset), _office_holders, False),
    (lambda s: ("," in s.keyset or "of" in s.keyset) and not s.titles.isdisjoint(s.keyset),
     _added(_new_officials), True),
    (lambda s: len(s.mentions) >= 2, _absorb_qualifiers, True),
    (lambda s: len(s.ctx.last_group) >= 2 and not _GROUP_NOUNS.isdisjoint(s.keyset), _sent_groups, False),
    (lambda s: not _PERSON_NOUNS.isdisjoint(s.keyset), _named_officials, False),
    (_has("the"), _with_anaphors, False),
    (lambda s: bool(s.mentions), _extend_titles, False),
    (lambda s: not _FORMER.isdisjoint(s.keyset), _drop_former, True),
)


def phrases(tokens: Tokens, mentions: list[ActorMention], ctx: ArticleActors,
            triggered: bool = True) -> list[ActorMention]:
    """The sentence's parties as phrases, in order (see the module's docstring). A sentence with
    no trigger (`triggered` false) is read only for what later sentences need."""
    if not mentions and not ctx.new_actors and "the" not in tokens.keys:
        return []           # nothing to group, no surname of a new official, no definite description
    s = _Sentence(tokens, mentions, ctx)
    for needed, step, always in _STEPS:
        if (triggered or always) and needed(s):
            s.mentions = step(s)
    _note_group(s)
    for m in s.mentions:
        for actor in m.actors:
            ctx.note(actor)
    subject = next((m for m in s.mentions if _person(m) and m.via != "pair"), None)
    if subject is not None and not s.headline:
        for actor in subject.actors:        # the first person named is most often the subject: weigh it
            ctx.note(actor)
    return s.mentions
