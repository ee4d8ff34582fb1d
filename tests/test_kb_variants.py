"""How names are compared and which spellings are indexed (contacts/kb/variants.py)."""

import pytest

from contacts.kb.variants import core_words, likeness, spellings, surname_spellings


@pytest.mark.parametrize("text, core", [
    ("Dr. S. Jaishankar", ("jaishankar",)),
    ("Malcolm B. Turnbull", ("malcolm", "turnbull")),
    ("Prince Faisal bin Farhan Al Saud", ("faisal", "farhan", "saud")),
    ("His Majesty King Abdullah II", ("abdullah", "ii")),
    ("Dato' Sri Ismail Sabri bin Yaakob", ("ismail", "sabri", "yaakob")),
    ("Ferdinand Marcos Jr.", ("ferdinand", "marcos")),
    ("the Right Honourable Jacinda Ardern", ("jacinda", "ardern")),
])
def test_core_words_leave_out_honorifics_particles_and_initials(text, core):
    assert core_words(text) == core


@pytest.mark.parametrize("written, known, same", [
    ("Mohammed Javad Zarif", "Mohammad Javad Zarif", True),        # transliteration
    ("Almazbek Atambaev", "Almazbek Atambayev", True),             # ending
    ("Lee Hsien Loung", "Lee Hsien Loong", True),                  # a letter off
    ("Prokopios Pavlopoulis", "Prokopis Pavlopoulos", True),       # a letter off in each word
    ("Pedro Sánchez Pérez-Castejón", "Pedro Sánchez", True),       # the full formal name
    ("Salman", "Salman bin Abdulaziz", True),                      # a first name with a title
    ("Giorgi Kirivikashvili", "Giorgi Kvirikashvili", False),      # two letters off
    ("Mahmoud Abbas", "Mohammed Abbas", False),                    # another name, not a spelling
    ("Sanna Marin", "Sanna Mirin", True),
    ("Ali", "Ala", False),                                         # a short word a letter off alone
])
def test_likeness_allows_what_texts_do_and_no_more(written, known, same):
    assert bool(likeness(core_words(written), core_words(known))) is same


@pytest.mark.parametrize("key, country, expected", [
    ("fumio kishida", "JPN", "kishida fumio"),
    ("sergei lavrov", "RUS", "sergey lavrov"),
    ("volodymyr zelensky", "UKR", "volodymyr zelenskyy"),
    ("michael d higgins", "IRL", "michael higgins"),
    ("bashar al assad", "SYR", "bashar assad"),
])
def test_spellings_of_a_known_name(key, country, expected):
    assert expected in spellings(key, country)


def test_a_name_with_nothing_to_vary_gets_no_spelling():
    assert spellings("emmanuel macron", "FRA") == [] and spellings("ulisses correia e silva", "CPV") == []


def test_family_names_get_endings_and_no_article_but_not_given_name_spellings():
    assert "lipavskyy" in surname_spellings("lipavsky")
    assert surname_spellings("al jubeir") == ["jubeir"]
    assert surname_spellings("mohamed") == []
