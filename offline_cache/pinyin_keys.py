"""Pinyin search keys of a text: full pinyin and initials, with common polyphonic readings."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pypinyin import Style, lazy_pinyin, pinyin

MAX_VARIANTS = 12  # per text; a name rarely has more than a few polyphonic characters

# Common polyphonic characters of service names and the readings people type for them.
# pypinyin's heteronym lists also hold rare readings (身 juan, 包 pao) that would only add noise;
# pypinyin(heteronym=True) must agree with every reading listed here (a test checks it).
POLYPHONIC: dict[str, tuple[str, ...]] = {
    "行": ("xing", "hang"),
    "重": ("zhong", "chong"),
    "长": ("chang", "zhang"),
    "乐": ("le", "yue"),
    "调": ("diao", "tiao"),
    "还": ("huan", "hai"),
    "便": ("bian", "pian"),
    "会": ("hui", "kuai"),
    "单": ("dan", "shan"),
    "参": ("can", "shen"),
    "传": ("chuan", "zhuan"),
    "校": ("xiao", "jiao"),
    "车": ("che", "ju"),
    "强": ("qiang", "jiang"),
    "率": ("lv", "shuai"),
    "解": ("jie", "xie"),
    "给": ("gei", "ji"),
    "提": ("ti", "di"),
    "省": ("sheng", "xing"),
    "都": ("du", "dou"),
    "藏": ("cang", "zang"),
    "差": ("cha", "chai"),
    "落": ("luo", "lao"),
    "系": ("xi", "ji"),
    "属": ("shu", "zhu"),
    "朝": ("chao", "zhao"),
    "降": ("jiang", "xiang"),
    "曾": ("ceng", "zeng"),
    "区": ("qu", "ou"),
    "称": ("cheng", "chen"),
    "薄": ("bao", "bo"),
    "度": ("du", "duo"),
    "着": ("zhe", "zhuo"),
    "查": ("cha", "zha"),
    "处": ("chu",),
    "转": ("zhuan",),
}


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, no spaces: what both queries and keys are cut to."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def is_han(ch: str) -> bool:
    """A CJK unified ideograph (what pypinyin has readings for)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=8192)
def heteronyms(ch: str) -> tuple[str, ...]:
    """Every reading pypinyin knows for one character."""
    return tuple(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def each_char(run: str) -> Any:
    """pypinyin ``errors`` handler: a run without readings splits into its characters."""
    return list(run)


def readings(text: str) -> list[list[str]]:
    """Per character of ``normalize(text)``: its readings, the one in context first.

    Latin letters and digits read as themselves; punctuation has no reading ([]).
    """
    text = normalize(text)
    in_context = lazy_pinyin(text, style=Style.NORMAL, errors=each_char)
    out: list[list[str]] = []
    for ch, first in zip(text, in_context, strict=True):
        if is_han(ch):
            out.append([first] + [r for r in POLYPHONIC.get(ch, ()) if r != first])
        elif ch.isascii() and ch.isalnum():
            out.append([ch])
        else:
            out.append([])
    return out


def _variants(per_char: list[list[str]], initials: bool) -> list[str]:
    def pick(reading: str) -> str:
        return reading[0] if initials else reading

    default = [pick(rs[0]) for rs in per_char if rs]
    out = ["".join(default)]
    pos = 0
    for rs in per_char:
        if not rs:
            continue
        for alt in rs[1:]:
            candidate = "".join([*default[:pos], pick(alt), *default[pos + 1 :]])
            if candidate not in out:
                out.append(candidate)
        pos += 1
        if len(out) >= MAX_VARIANTS:
            break
    return out[:MAX_VARIANTS]


@dataclass(frozen=True)
class PinyinKeys:
    """Everything the search needs about one text, computed once when the store is built."""

    text: str  # normalize(original)
    full: list[str]  # "juminshenfenzheng…", the reading in context first
    initials: list[str]  # "jmsfz…"
    per_char: list[list[str]]  # readings per character of ``text``, for highlighting

    def to_json(self) -> dict[str, object]:
        """Compact form stored in SQLite."""
        return {"f": self.full, "i": self.initials, "r": self.per_char}

    @classmethod
    def from_json(cls, text: str, data: dict[str, list[str]] | dict[str, object]) -> PinyinKeys:
        """Inverse of to_json (no pypinyin call: load time stays small)."""
        return cls(normalize(text), list(data["f"]), list(data["i"]), list(data["r"]))  # type: ignore[call-overload]


def keys_for(text: str) -> PinyinKeys:
    """Full pinyin and initials of ``text`` with single-character polyphonic variants."""
    per_char = readings(text)
    return PinyinKeys(
        normalize(text), _variants(per_char, False), _variants(per_char, True), per_char
    )
