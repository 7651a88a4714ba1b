"""Text folded for reading, and the name table's organisation names as one pattern."""

import re

from .. import names as table

# Characters folded for reading (never for storing): full-width ASCII to ASCII, the
# ideographic space to a space, typographic quotes to plain ones. One character for one,
# so offsets in the folded text are offsets in the text.
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: " ",
    0x2019: "'",
    0x2018: "'",
    0x201C: '"',
    0x201D: '"',
    0x2013: "-",
    0x2014: "-",
    0x2212: "-",
    0x301C: "~",
}


def fold(text):
    return text.translate(FOLD)


def trie_pattern(forms):
    """One regex for many names, as a trie: shared beginnings are tried once, and of two
    names starting at one place the longer wins ("Republic of Korea" before "Korea")."""
    trie = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node):
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in node.items()
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _key(words):
    return " ".join(fold(words).split()).casefold()


ORGANIZATION_FORMS = {
    _key(form): entry
    for entry in table.ORGANIZATIONS
    for form in (*entry.names, *entry.abbreviations)
}
# Abbreviations match as written ("UN", not "un"); names in any case.
ABBREVIATIONS = {
    _key(abbreviation): abbreviation
    for entry in table.ORGANIZATIONS
    for abbreviation in entry.abbreviations
} | {_key(name): None for entry in table.ORGANIZATIONS for name in entry.names}
_ASCII_FORMS = {key for key in ORGANIZATION_FORMS if key.isascii()}
# Japanese names run together in lists: no word boundaries; tried first ("ASEAN事務局").
# The forms are case-folded: the whole pattern ignores case.
ORGANIZATION = re.compile(
    f"(?:{trie_pattern(set(ORGANIZATION_FORMS) - _ASCII_FORMS)}"
    f"|(?<![A-Za-z0-9.]){trie_pattern(_ASCII_FORMS)}(?![A-Za-z-]))",
    re.IGNORECASE,
)
