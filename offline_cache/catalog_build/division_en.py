"""English names of Mianyang's divisions: official county names, towns in pinyin with a suffix.

Counties follow the names the city government uses in English. A town's name is its pinyin in
context (pypinyin), one word, an apostrophe before a syllable starting with a, o or e
(乐安 Le'an), then Town (镇), Subdistrict (街道) or Township (乡); an ethnic township says which
people (羌族乡 Qiang Ethnic Township). Readings pypinyin gets wrong for place names are listed.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

CITY_EN = "Mianyang"
COUNTIES_EN: dict[str, str] = {
    "510700": "Mianyang City",
    "510703": "Fucheng District",
    "510704": "Youxian District",
    "510705": "Anzhou District",
    "510722": "Santai County",
    "510723": "Yanting County",
    "510725": "Zitong County",
    "510726": "Beichuan Qiang Autonomous County",
    "510727": "Pingwu County",
    "510781": "Jiangyou City",
}
# Place-name readings (the everyday reading pypinyin would pick is wrong here).
READINGS: dict[str, str] = {
    "长卿": "Changqing",
    "重华": "Chonghua",
    "都贯": "Duguan",
    "乐安": "Le'an",
    "片口": "Piankou",
    "马角": "Majiao",
    "白什": "Baishi",
}
_PEOPLES = {"羌族": "Qiang", "藏族": "Tibetan", "回族": "Hui"}
_SUFFIXES = (("街道", "Subdistrict"), ("镇", "Town"), ("乡", "Township"))
_SPECIAL = {
    "四川省新华劳动教育管理所": "Sichuan Xinhua Labour Education Administration",
}
_PREFIXES = (("四川省科学城", "Science City "),)


def pinyin_name(chinese: str) -> str:
    """A place name in pinyin as one capitalised word (西平 → Xiping, 乐安 → Le'an)."""
    if chinese in READINGS:
        return READINGS[chinese]
    syllables = lazy_pinyin(chinese, style=Style.NORMAL)
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aoe" else "") + syllable
    return word[:1].upper() + word[1:]


def division_name_en(code: str, name: str) -> str:
    """The English name of the city, a county-level unit, or a town / street."""
    if code in COUNTIES_EN:
        return COUNTIES_EN[code]
    if name in _SPECIAL:
        return _SPECIAL[name]
    prefix_en = ""
    for prefix, english in _PREFIXES:
        if name.startswith(prefix):
            name, prefix_en = name.removeprefix(prefix), english
    for suffix, english in _SUFFIXES:
        if name.endswith(suffix):
            body = name.removesuffix(suffix)
            for people, people_en in _PEOPLES.items():
                if body.endswith(people):
                    place = pinyin_name(body.removesuffix(people))
                    return f"{prefix_en}{place} {people_en} Ethnic {english}"
            return f"{prefix_en}{pinyin_name(body)} {english}"
    return prefix_en + pinyin_name(name)
