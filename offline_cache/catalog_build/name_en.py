"""English names of services: the Chinese name cut into glossary words and put in English order.

No translation service is reachable from the terminal or the build, so the English name is
composed, deterministically, from:

- ``name_glossary.GLOSSARY``: the words of service names, translated by hand (government usage:
  许可 permit, 核发 issuance, 备案 filing, 注销 cancellation …);
- ``source_data/glossary_cedict.tsv``: for words the hand glossary lacks, one sense from
  CC-CEDICT (CC BY-SA 4.0), cut to the words of our names (see SOURCES.md);
- rules for the patterns of Chinese service names: a trailing action becomes the English head
  (燃气经营许可证变更 → "Change of gas business licence"), a leading verb stays in front
  (申领X → "Application for X"), 对X的Y → "Y of X", an action inside the name splits it
  (X变更Y → "X: change of Y"), bracketed scope notes become English notes.

A character no list knows is written in pinyin, so the name is never left half Chinese.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from offline_cache.catalog_build.name_glossary import (
    ACTIONS,
    GLOSSARY,
    LEADING_VERBS,
    NOTES,
    OVERRIDES,
)

CEDICT_FILE = Path(__file__).with_name("source_data") / "glossary_cedict.tsv"
MAX_WORD = 8

_BRACKET = re.compile(r"[（(]([^（）()]*)[)）]")
_TITLE = re.compile(r"[《》〈〉“”\"]")


@lru_cache(maxsize=1)
def _cedict() -> dict[str, str]:
    out: dict[str, str] = {}
    if CEDICT_FILE.is_file():
        for line in CEDICT_FILE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                zh, _, en = line.partition("\t")
                if en.isascii():  # senses citing other Chinese words are no use here
                    out[zh] = en
    return out


def _lookup(word: str) -> str | None:
    if word in GLOSSARY:
        return GLOSSARY[word]
    if word in ACTIONS:
        return ACTIONS[word]
    return _cedict().get(word)


def segment(text: str) -> list[str]:
    """Cut ``text`` into the fewest known words (hand glossary words win ties)."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    # Runs of Latin letters and digits (80周岁, A1) are words of their own.
    for part in re.split(r"([0-9A-Za-z.]+)", text):
        if part and part.isascii() and part.strip():
            out.append(part)
        elif part.strip():
            out.extend(_segment_han(part.strip()))
    return out


def _segment_han(text: str) -> list[str]:
    n = len(text)
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)  # (words, -hand, start)
    best[0] = (0, 0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORD), end):
            prev = best[start]
            if prev is None:
                continue
            word = text[start:end]
            known = word in GLOSSARY or word in ACTIONS
            if not known and word not in _cedict() and end - start > 1:
                continue
            cost = (prev[0] + 1, prev[1] - (1 if known else 0), start)
            current = best[end]
            if current is None or cost[:2] < current[:2]:
                best[end] = cost
    words: list[str] = []
    end = n
    while end > 0:
        entry = best[end]
        assert entry is not None
        words.append(text[entry[2] : end])
        end = entry[2]
    return words[::-1]


def _word_en(word: str) -> str:
    found = _lookup(word)
    if found is not None:
        return found
    if word.isascii():
        return word
    # Unknown character: its reading, so the English name stays readable and searchable.
    return "".join(lazy_pinyin(word, style=Style.NORMAL)).capitalize()


def _noun_phrase(words: list[str]) -> str:
    """Words in Chinese modifier-head order read the same way in English noun compounds."""
    if "、" in words:
        groups: list[list[str]] = [[]]
        for w in words:
            if w == "、":
                groups.append([])
            else:
                groups[-1].append(w)
        items = [_noun_phrase(g) for g in groups if g]
        if len(items) > 1:
            return ", ".join(items[:-1]) + " and " + items[-1]
    if "的" in words:
        at = words.index("的")
        head, tail = words[:at], words[at + 1 :]
        if head and tail:
            return f"{_phrase(tail)} of {_noun_phrase(head)}"
        words = head + tail
    parts = [_word_en(w) for w in words if w not in ("和", "及", "与", "或", "、", "/")]
    joined: list[str] = []
    for w, part in zip(words, [_word_en(w) for w in words], strict=True):
        if w in ("和", "及", "与"):
            joined.append("and")
        elif w in ("或", "/", "、"):
            joined.append("or")
        elif part:
            joined.append(part)
    del parts
    return " ".join(joined)


def _phrase(words: list[str]) -> str:
    """A run of words: leading verb, trailing actions, or an action in the middle."""
    if not words:
        return ""
    if words[0] in LEADING_VERBS and len(words) > 1:
        rest = _phrase(words[1:])
        verb = LEADING_VERBS[words[0]]
        return f"{verb} {rest}".strip()
    if words[0] == "对" and "的" in words[1:]:
        at = len(words) - 1 - words[::-1].index("的")
        obj, head = words[1:at], words[at + 1 :]
        if head:
            return f"{_phrase(head)} of {_phrase(obj)}"
    # Trailing actions become the English head: 许可证 核发 → issuance of … licence.
    end = len(words)
    while end > 0 and (
        words[end - 1] in ACTIONS or (words[end - 1] == "、" and end > 1 and end < len(words))
    ):
        end -= 1
    while end < len(words) and words[end] == "、":
        end += 1  # a list of nouns ends here, not a list of actions
    if end == 0:
        return " ".join(ACTIONS[w] for w in words if w in ACTIONS)
    # An action inside the name with more words after it splits the name.
    for i in range(1, end):
        if words[i] in ACTIONS and words[i] not in GLOSSARY:
            lead = _noun_phrase(words[:i])
            return f"{lead}: {_phrase(words[i:])}"
    body = _noun_phrase(words[:end])
    if end == len(words):
        return body
    return _with_actions(words[end:], body, single=end == 1)


def _with_actions(actions: list[str], body: str, *, single: bool) -> str:
    """``body`` under its trailing actions: 补领、换领 → "replacement or exchange of …";
    审批 after 注销登记 → "approval of deregistration of …" (the last action is the head)."""
    if "、" in actions:
        names = [ACTIONS[w] for w in actions if w != "、"]
        listed = ", ".join(names[:-1]) + " or " + names[-1]
        return f"{listed} of {body}"
    if len(actions) == 1 and actions[0] == "登记" and single:
        return f"{body} registration"  # 就业登记 → employment registration
    text = body
    for action in actions:
        english = ACTIONS[action]
        text = (
            f"{english} {text}"
            if english.endswith((" for", " of", " on"))
            else (f"{english} of {text}")
        )
    return text


def _note(text: str) -> str:
    text = _TITLE.sub("", text).strip()
    if text in NOTES:
        return NOTES[text]
    return _phrase(segment(text))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\bof of\b", "of", text)
    text = text.replace(" :", ":").replace("( ", "(").replace(" )", ")")
    return text[:1].upper() + text[1:] if text else text


@lru_cache(maxsize=8192)
def english_name(name: str) -> str:
    """The English name of a service, from its Chinese name (deterministic)."""
    if name in OVERRIDES:
        return OVERRIDES[name]
    notes = [note for n in _BRACKET.findall(name) if n.strip() and (note := _note(n))]
    body = _BRACKET.sub("", name)
    body = _TITLE.sub("", body).strip()
    english = _phrase(segment(body)) if body else ""
    if notes:
        english += " (" + "; ".join(n for n in notes if n) + ")"
    return _tidy(english)
