"""Folding text and finding many aliases in it at once: the token matching the actor and publisher registries share.

Matching works on word tokens (``\\w+``) folded to lower case without accents, so apostrophes (' and ’), hyphens,
slashes and elisions ("l'armée", "d'HTS", "and/or") separate tokens the same way in an alias and in the text. A
token written with two or more capitals in the data ("HTS", "FAMa", "EI") is an acronym and must keep its case in the
text ("ans" is not "ANS"). An alias of several words ending on a lower-case noun also matches with that noun in the
plural in -s ("Fulani militias"). The longest alias starting at the leftmost token wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

_TOKEN = re.compile(r"[\w\u0300-\u036f]+")
_ASCII_TOKEN = re.compile(r"\w+", re.ASCII)  # the same tokens, for text that folded to pure ASCII
_APOSTROPHES = frozenset("'’‘ʼ`´")
# What may separate two tokens of one alias in the text: spaces, apostrophes, hyphens and slashes ("and/or",
# "Boko Haram/IS": an alias written with a slash matches it), not dashes.
_SOFT_GAP = re.compile(r"[\s'’‘ʼ`´\-\u2010\u2011/]{1,4}")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_TERMINAL = ""  # trie key for the entries that end at a node (no token is empty)
_SCANNED_SIZE = 256  # texts whose scan an alias index keeps (a document's text and its phrases)


def strip_accents(text: str) -> str:
    """``text`` without diacritics or ligatures, case kept ("État" -> "Etat", "cœur" -> "coeur")."""
    if text.isascii():
        return text
    text = text.translate(_LIGATURES)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class _FoldTable(dict):
    """A ``str.translate`` table to lower case without accents, one character for one (offsets survive).

    Letters lose their accents; apostrophes, dashes, spaces and other punctuation become their ASCII
    look-alikes, so that French text usually folds to pure ASCII, which the tokenizer scans fastest.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        if category[0] == "L":
            folded = unicodedata.normalize("NFD", char)[:1].lower()
        elif char in _APOSTROPHES:
            folded = "'"
        elif category == "Pd":
            folded = "-"
        elif category[0] in "PSZC":
            folded = " "
        else:  # combining marks and non-ASCII digits stay, as parts of words
            folded = char
        self[code] = folded if len(folded) == 1 else char
        return self[code]


_FOLD = _FoldTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold_chars(text: str) -> str:
    """``text`` in lower case without accents, character for character, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter ("İ") lowers to two characters: go one by one
        return text.translate(_FOLD)
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(lambda m: _FOLD[ord(m.group())], lowered)


def _tokenizer(folded: str) -> re.Pattern:
    return _ASCII_TOKEN if folded.isascii() else _TOKEN


def fold(text: str) -> str:
    """The matching key of a phrase: its tokens folded and joined by single spaces."""
    folded = fold_chars(text)
    return " ".join(_tokenizer(folded).findall(folded))


def _is_acronym(token: str) -> bool:
    return sum(1 for c in token if c.isupper()) >= 2


class Span(NamedTuple):
    """A stretch of text that an alias index recognised, with every payload registered for it."""

    start: int
    end: int
    text: str
    key: str  # the folded alias
    payloads: tuple[Any, ...]


class AliasIndex:
    """A trie over folded tokens that finds the leftmost-longest alias occurrences in a text."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self._keys: dict[str, list[Any]] = defaultdict(list)
        # The texts scanned lately and what was found: a document is scanned again for its theatre and for each
        # role's phrase, and reports repeat their phrases (bounded: cleared when full).
        self._scanned: dict[str, tuple[Span, ...]] = {}

    def add(self, alias: str, payload: Any, case_sensitive: bool | None = None) -> str:
        """Register ``alias`` for ``payload``; return its folded key ("" when it has no word)."""
        self._scanned.clear()
        folded_alias = fold_chars(alias)
        bounds = [m.span() for m in _tokenizer(folded_alias).finditer(folded_alias)]
        if not bounds:
            return ""
        words = [alias[a:b] for a, b in bounds]
        folded = [folded_alias[a:b] for a, b in bounds]
        strict: tuple[str | None, ...] | None = tuple(
            strip_accents(w) if (case_sensitive or (case_sensitive is None and _is_acronym(w))) else None for w in words
        )
        if not any(strict):
            strict = None  # nothing to compare case-sensitively: skip the check when scanning
        variants = {tuple(folded), tuple(fold_chars(strip_accents(w)) for w in words)}  # "cœur" and "coeur"
        if len(words) > 1 and words[-1].isalpha() and words[-1].islower() and not words[-1].endswith(("s", "x")):
            # a phrase of several words ending on a common noun names its plural too ("Fulani militia": "Fulani
            # militias"; "milice peule": "milices peules" is not, the plural is on every word)
            variants |= {(*v[:-1], v[-1] + "s") for v in variants}
        for variant in variants:
            node = self._root
            for word in variant:
                node = node.setdefault(word, {})
            node.setdefault(_TERMINAL, []).append((strict, payload))
        key = " ".join(folded)
        self._keys[key].append(payload)
        return key

    def payloads(self, key: str) -> list[Any]:
        """Every payload registered under a folded key."""
        return list(self._keys.get(key, ()))

    def keys(self) -> Iterator[str]:
        """Every folded key in the index."""
        return iter(self._keys)

    def scan(self, text: str) -> list[Span]:
        """Every leftmost-longest alias occurrence in ``text``, in order, with its payloads."""
        found = self._scanned.get(text)
        if found is None:
            if len(self._scanned) >= _SCANNED_SIZE:
                self._scanned.clear()
            found = self._scanned[text] = tuple(self._scan(text))
        return list(found)

    def _scan(self, text: str) -> list[Span]:
        folded = fold_chars(text)
        tokenizer = _tokenizer(folded)
        words = tokenizer.findall(folded)
        root = self._root
        starts = [i for i, w in enumerate(words) if w in root]
        if not starts:
            return []
        tokens = list(tokenizer.finditer(folded))
        out: list[Span] = []
        n, resume = len(words), 0
        for i in starts:
            if i < resume:
                continue
            node = root[words[i]]
            best: tuple[int, list[Any]] | None = None
            j = i
            while True:
                terminals = node.get(_TERMINAL)
                if terminals:
                    ok = [p for strict, p in terminals if strict is None or _strict_ok(strict, text, tokens, i)]
                    if ok:
                        best = (j, ok)
                if j + 1 >= n or words[j + 1] not in node:
                    break
                if not _SOFT_GAP.fullmatch(text, tokens[j].end(), tokens[j + 1].start()):
                    break
                node = node[words[j + 1]]
                j += 1
            if best is None:
                continue
            j, found = best
            start, end = tokens[i].start(), tokens[j].end()
            out.append(Span(start, end, text[start:end], " ".join(words[i : j + 1]), tuple(found)))
            resume = j + 1
        return out


def _strict_ok(strict: tuple[str | None, ...], text: str, tokens: list[re.Match], i: int) -> bool:
    for k, want in enumerate(strict):
        if want is not None and strip_accents(text[tokens[i + k].start() : tokens[i + k].end()]) != want:
            return False
    return True
