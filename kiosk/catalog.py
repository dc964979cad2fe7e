"""Searching the catalog as the resident types: Chinese, full pinyin, initials, synonyms, typos.

The index lives in memory and is built from the store's precomputed pinyin keys. Services
that share a name (生育登记 in 167 towns) share one *entry*, so matching works on distinct
names and only ranking touches individual services:

- exact: dict lookup on the name / short name (Chinese, full pinyin, initials);
- prefix: binary search in a sorted list of those strings;
- substring: a trigram index over names and keywords, verified (1-2 characters: a scan of
  the distinct names, which is cheaper than indexing every short gram);
- typos: trigram overlap, then a bounded edit distance;
- English (language "en"): the words of the English names, the last one as a prefix;
- ranking: tier (exact > prefix > name substring / keyword > department > typo), then the
  resident's own division (town, then county, then city) before the others, then the
  popularity the platform reports, then the code. The home services are picked first by a
  lookup per matched name; the rest are scanned best-first and the scan stops early.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pypinyin import Style, lazy_pinyin

from kiosk.catalog_query import SearchFilters as SearchFilters
from kiosk.catalog_query import SearchHit as SearchHit
from kiosk.catalog_query import Tier as Tier
from kiosk.catalog_synonyms import SYNONYMS
from offline_cache.catalog_store import CatalogStore, DivisionRow, ServiceRow
from offline_cache.pinyin_keys import PinyinKeys, each_char, is_han, normalize

CITY_CODE = "510700"
GRAM = 3  # longest n-gram indexed
FUZZY_CANDIDATES = 15


@dataclass
class _Entry:
    name: str
    name_keys: list[PinyinKeys]  # name, short name
    zh: list[str]
    latin: list[str]
    keyword_strings: list[str]
    en: list[str]  # English name and short name, as words joined by one space
    services: list[int] = field(default_factory=list)
    by_division: dict[str, list[int]] | None = None  # built on first use (home ranking)
    max_popularity: int = 0


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def en_words(text: str) -> list[str]:
    """Lower-case English words of ``text`` (punctuation and spaces only separate them)."""
    return _NOT_WORD.sub(" ", text.lower()).split()


def _grams(text: str) -> set[str]:
    # Trigrams only (shorter texts whole): shorter queries scan the distinct names instead.
    if len(text) <= GRAM:
        return {text}
    return {text[i : i + GRAM] for i in range(len(text) - GRAM + 1)}


def _to_latin(text: str) -> str:
    """Chinese characters to their pinyin in context, everything else kept (mixed input)."""
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors=each_char))


def _within(q: str, text: str, limit: int) -> bool:
    """True if some substring of ``text`` is within ``limit`` edits of ``q`` (Sellers)."""
    prev = [0] * (len(text) + 1)
    for i, qc in enumerate(q, 1):
        cur = [i] + [0] * len(text)
        for j, tc in enumerate(text, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (qc != tc))
        prev = cur
        if min(prev) > limit:
            return False
    return min(prev) <= limit


def _windows(texts: list[str], trigrams: list[str], q: str) -> Iterable[str]:
    """Parts of ``texts`` around the query's trigrams: the edit distance only runs there."""
    for text in texts:
        for i, gram in enumerate(trigrams):
            at = text.find(gram)
            if at >= 0:
                start = max(0, at - i - 2)
                yield text[start : start + len(q) + 4]


def _latin_span(per_char: list[list[str]], q: str) -> tuple[int, int] | None:
    """Characters of a name whose readings (full or initials) spell ``q``."""

    def consume(i: int, pos: int) -> int | None:
        if pos == len(q):
            return i
        while i < len(per_char) and not per_char[i]:
            i += 1
        if i >= len(per_char):
            return None
        rest = q[pos:]
        for reading in per_char[i]:
            if rest.startswith(reading):
                end = consume(i + 1, pos + len(reading))
                if end is not None:
                    return end
            elif reading.startswith(rest):
                return i + 1
            if reading[0] == rest[0]:
                end = consume(i + 1, pos + 1)
                if end is not None:
                    return end
        return None

    for start, readings in enumerate(per_char):
        if readings:
            end = consume(start, 0)
            if end is not None:
                return start, end
    return None


def _en_span(name_en: str, q: str) -> tuple[int, int] | None:
    """Where the typed English words start and end in ``name_en`` (case-insensitive)."""
    words = q.split()
    if not words or not q.isascii():
        return None
    lower = name_en.lower()
    start = re.search(r"\b" + re.escape(words[0]), lower)
    if start is None:
        return None
    end = start.end()
    for word in words[1:]:
        nxt = re.compile(r"\b" + re.escape(word)).search(lower, end)
        if nxt is None:
            break
        end = nxt.end()
    return start.start(), end


class CatalogIndex:
    """The in-memory search index over one copy of the catalog."""

    def __init__(
        self,
        rows: list[ServiceRow],
        texts: dict[str, PinyinKeys],
        divisions: Iterable[DivisionRow],
    ) -> None:
        self.rows = rows
        divisions = list(divisions)
        self.division_names = {d.code: d.name for d in divisions}
        self.division_names_en = {d.code: d.name_en for d in divisions if d.name_en}
        self.entries: list[_Entry] = []
        by_name: dict[str, int] = {}
        for sid, row in enumerate(rows):
            eid = by_name.get(row.name)
            if eid is None:
                eid = by_name[row.name] = len(self.entries)
                self.entries.append(self._entry(row, texts))
            self.entries[eid].services.append(sid)
        self._entry_of_name = by_name
        for entry in self.entries:
            entry.services.sort(key=lambda s: (-rows[s].popularity, rows[s].code))
            entry.max_popularity = rows[entry.services[0]].popularity

        # English: word -> entries, and the sorted words for prefix look-ups.
        self._en_index: dict[str, set[int]] = defaultdict(set)
        for eid, entry in enumerate(self.entries):
            for text in entry.en:
                for word in text.split():
                    self._en_index[word].add(eid)
        self._en_sorted = sorted(self._en_index)

        self._exact: dict[str, set[int]] = defaultdict(set)
        prefix_pairs: set[tuple[str, int]] = set()
        self._name_grams: dict[str, set[int]] = defaultdict(set)
        self._keyword_grams: dict[str, set[int]] = defaultdict(set)
        for eid, entry in enumerate(self.entries):
            for text in (*entry.zh, *entry.latin):
                self._exact[text].add(eid)
                prefix_pairs.add((text, eid))
                for gram in _grams(text):
                    self._name_grams[gram].add(eid)
            for text in entry.keyword_strings:
                for gram in _grams(text):
                    self._keyword_grams[gram].add(eid)
        self._prefix = sorted(prefix_pairs)

        # Departments: few hundred distinct names, matched by a scan.
        self._departments: dict[str, list[int]] = defaultdict(list)
        self._department_by_division: dict[str, dict[str, list[int]]] = {}
        self._department_en: dict[str, str] = {}
        for sid in sorted(range(len(rows)), key=lambda s: (-rows[s].popularity, rows[s].code)):
            row = rows[sid]
            self._departments[row.department].append(sid)
            if row.department_en and row.department not in self._department_en:
                self._department_en[row.department] = " ".join(en_words(row.department_en))
        self._department_strings = {
            dept: [normalize(dept), *texts[dept].full, *texts[dept].initials]
            if dept in texts
            else [normalize(dept)]
            for dept in self._departments
        }
        self._synonyms = {normalize(k): v for k, v in SYNONYMS.items()}
        self._synonyms.update({_to_latin(k): v for k, v in SYNONYMS.items()})

    @staticmethod
    def _entry(row: ServiceRow, texts: dict[str, PinyinKeys]) -> _Entry:
        name_keys = [texts[t] for t in dict.fromkeys((row.name, row.short_name)) if t in texts]
        zh = list(dict.fromkeys(normalize(t) for t in (row.name, row.short_name)))
        latin = list(dict.fromkeys(s for k in name_keys for s in (*k.full, *k.initials)))
        keyword_strings: list[str] = []
        for word in row.keywords:
            keyword_strings.append(normalize(word))
            if word in texts:
                keyword_strings.extend(texts[word].full)
                if len(word) > 2:
                    keyword_strings.extend(texts[word].initials)
        en = list(
            dict.fromkeys(" ".join(en_words(t)) for t in (row.name_en, row.short_name_en) if t)
        )
        return _Entry(row.name, name_keys, zh, latin, list(dict.fromkeys(keyword_strings)), en)

    def _split_by_division(self, sids: list[int]) -> dict[str, list[int]]:
        """``sids`` (in popularity order) per division code, each list keeping that order."""
        out: dict[str, list[int]] = {}
        for sid in sids:
            out.setdefault(self.rows[sid].division_code, []).append(sid)
        return out

    def _entry_by_division(self, eid: int) -> dict[str, list[int]]:
        entry = self.entries[eid]
        if entry.by_division is None:
            entry.by_division = self._split_by_division(entry.services)
        return entry.by_division

    def _department_divisions(self, department: str) -> dict[str, list[int]]:
        split = self._department_by_division.get(department)
        if split is None:
            split = self._department_by_division[department] = self._split_by_division(
                self._departments[department]
            )
        return split

    @classmethod
    def from_store(cls, store: CatalogStore) -> CatalogIndex:
        """Load the current copy (seeding it from the bundled catalog on first start)."""
        store.ensure()
        return cls(store.service_rows(), store.search_texts(), store.divisions())

    # --- matching -----------------------------------------------------------------------------

    def _strings(self, e: int, strings_of: str) -> list[str]:
        entry = self.entries[e]
        return [*entry.zh, *entry.latin] if strings_of == "name" else entry.keyword_strings

    def _substring(self, grams: dict[str, set[int]], q: str, strings_of: str) -> set[int]:
        candidates: Iterable[int]
        if len(q) < GRAM:
            candidates = range(len(self.entries))
        elif len(q) == GRAM:
            return set(grams.get(q, ()))
        else:
            parts = sorted(
                (grams.get(q[i : i + GRAM], set()) for i in range(len(q) - GRAM + 1)), key=len
            )
            candidates = set(parts[0]).intersection(*parts[1:])
        return {e for e in candidates if any(q in s for s in self._strings(e, strings_of))}

    def _prefixed(self, q: str) -> set[int]:
        out: set[int] = set()
        i = bisect.bisect_left(self._prefix, (q, -1))
        while i < len(self._prefix) and self._prefix[i][0].startswith(q):
            out.add(self._prefix[i][1])
            i += 1
        return out

    def _match(self, q: str, floor: Tier, found: dict[int, tuple[Tier, str]]) -> None:
        def put(eids: Iterable[int], tier: Tier) -> None:
            tier = max(tier, floor)
            for e in eids:
                if e not in found or tier < found[e][0]:
                    found[e] = (tier, q)

        put(self._exact.get(q, ()), Tier.EXACT)
        put(self._prefixed(q), Tier.PREFIX)
        put(self._substring(self._name_grams, q, "name"), Tier.KEYWORD)
        put(self._substring(self._keyword_grams, q, "keyword"), Tier.KEYWORD)

    def _typos(self, q: str, found: dict[int, tuple[Tier, str]]) -> None:
        trigrams = [q[i : i + GRAM] for i in range(len(q) - GRAM + 1)]
        counts: dict[int, int] = defaultdict(int)
        for gram in trigrams:
            for e in self._name_grams.get(gram, ()):
                counts[e] += 1
        limit = 1 if len(q) < 8 else 2
        need = max(1, len(trigrams) - GRAM * limit)
        ranked = sorted((e for e, c in counts.items() if c >= need), key=lambda e: -counts[e])
        for e in ranked[:FUZZY_CANDIDATES]:
            if any(_within(q, w, limit) for w in _windows(self.entries[e].latin, trigrams, q)):
                found.setdefault(e, (Tier.TYPO, q))

    def _match_en(self, query: str, found: dict[int, tuple[Tier, str]]) -> None:
        """English names: every word typed, the last one possibly unfinished."""
        words = en_words(query)
        if not words:
            return
        phrase = " ".join(words)
        last = words[-1]
        prefixed: set[int] = set()
        i = bisect.bisect_left(self._en_sorted, last)
        while i < len(self._en_sorted) and self._en_sorted[i].startswith(last):
            prefixed |= self._en_index[self._en_sorted[i]]
            i += 1
        parts = sorted([*(self._en_index.get(w, set()) for w in words[:-1]), prefixed], key=len)
        for e in set(parts[0]).intersection(*parts[1:]):
            texts = self.entries[e].en
            if phrase in texts:
                tier = Tier.EXACT
            elif any(t.startswith(phrase) for t in texts):
                tier = Tier.PREFIX
            else:
                tier = Tier.KEYWORD
            if e not in found or tier < found[e][0]:
                found[e] = (tier, phrase)

    def _matches(
        self, query: str, language: str = "zh"
    ) -> tuple[dict[int, tuple[Tier, str]], list[str]]:
        q = normalize(query)
        found: dict[int, tuple[Tier, str]] = {}
        if language == "en" and any(c.isascii() and c.isalpha() for c in query):
            self._match_en(query, found)
        has_han = any(is_han(c) for c in q)
        latin = _to_latin(q) if has_han else q
        if has_han:
            self._match(q, Tier.EXACT, found)
        if latin != q and not all(is_han(c) for c in q):
            self._match(latin, Tier.EXACT, found)  # mixed input: 身份zheng
        elif latin != q:
            self._match(latin, Tier.TYPO, found)  # homophones: 身分证 finds 身份证
        else:
            self._match(q, Tier.EXACT, found)
        for key in {q, latin}:
            for canonical in self._synonyms.get(key, ()):
                self._match(normalize(canonical), Tier.KEYWORD, found)
        if not found and len(latin) >= 4 and latin.isascii():
            self._typos(latin, found)
        departments = [
            d for d, strings in self._department_strings.items() if any(q in s for s in strings)
        ]
        if not departments and latin != q:
            departments = [
                d
                for d, strings in self._department_strings.items()
                if any(latin in s for s in strings)
            ]
        if language == "en" and len(q) >= 3:
            phrase = " ".join(en_words(query))
            departments.extend(
                d
                for d, en in self._department_en.items()
                if (" " + en).find(" " + phrase) >= 0 and d not in departments
            )
        return found, departments

    # --- ranking ------------------------------------------------------------------------------

    def _passes(self, row: ServiceRow, f: SearchFilters) -> bool:
        return (
            (f.level is None or row.level == f.level)
            and (f.county_code is None or row.county_code == f.county_code)
            and (f.division_code is None or row.division_code == f.division_code)
            and (f.department is None or row.department == f.department)
            and (f.theme is None or f.theme in row.themes)
            and (f.service_object is None or row.service_object == f.service_object)
            and (not f.here_only or row.terminal_applicable)
        )

    @staticmethod
    def _home(home_division: str | None) -> list[str]:
        if not home_division:
            return []
        chain = [home_division]
        if len(home_division) == 9:
            chain.append(home_division[:6])
        if chain[-1] != CITY_CODE:
            chain.append(CITY_CODE)
        return chain

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        filters: SearchFilters | None = None,
        home_division: str | None = None,
        language: str = "zh",
    ) -> list[SearchHit]:
        """The best ``limit`` services for what the resident has typed so far.

        ``home_division`` is the resident's town or county code: within a tier, services
        there, then in its county, then the city's, come before other divisions'.
        ``language`` "en" also matches the English names.
        """
        if not normalize(query) or limit <= 0:
            return []
        f = filters or SearchFilters()
        found, departments = self._matches(query, language)
        home = self._home(home_division)
        far = len(home)
        # Candidate lists in the order of their best possible key.
        # (tier, best popularity, services, entry id or department, query, matched by name)
        groups: list[tuple[Tier, int, list[int], int | str, str, bool]] = [
            (tier, self.entries[e].max_popularity, self.entries[e].services, e, q, True)
            for e, (tier, q) in found.items()
        ]
        for dept in departments:
            sids = self._departments[dept]
            groups.append((Tier.DEPARTMENT, self.rows[sids[0]].popularity, sids, dept, "", False))
        groups.sort(key=lambda g: (g[0], -g[1]))

        best: list[tuple[int, int, int, str, int, str, bool]] = []
        seen: set[int] = set()

        def offer(tier: Tier, affinity: int, sid: int, q: str, by_name: bool) -> None:
            row = self.rows[sid]
            seen.add(sid)
            if not self._passes(row, f):
                return
            bisect.insort(best, (int(tier), affinity, -row.popularity, row.code, sid, q, by_name))
            if len(best) > limit:
                best.pop()

        # Pass 1: the resident's own divisions, looked up directly in every matched list (each
        # list is in popularity order, and the groups in order of their best key: stop early).
        for tier, top_pop, _sids, source, q, by_name in groups if home else ():
            if len(best) >= limit and (tier, 0, -top_pop) > best[-1][:3]:
                break
            by_division = (
                self._entry_by_division(source)
                if isinstance(source, int)
                else self._department_divisions(source)
            )
            for affinity, code in enumerate(home):
                for sid in by_division.get(code, ()):
                    if (
                        len(best) >= limit
                        and (
                            tier,
                            affinity,
                            -self.rows[sid].popularity,
                        )
                        > best[-1][:3]
                    ):
                        break
                    if sid not in seen:
                        offer(tier, affinity, sid, q, by_name)
        # Pass 2: everyone else, best-first, stopping once nothing left can enter the top.
        home_codes = set(home)
        for tier, top_pop, sids, _source, q, by_name in groups:
            if len(best) >= limit and (tier, far, -top_pop) > best[-1][:3]:
                break
            for sid in sids:
                row = self.rows[sid]
                if len(best) >= limit and (tier, far, -row.popularity) > best[-1][:3]:
                    break
                if sid not in seen and row.division_code not in home_codes:
                    offer(tier, far, sid, q, by_name)
        return [self._hit(k, language) for k in best]

    def _hit(
        self, key: tuple[int, int, int, str, int, str, bool], language: str = "zh"
    ) -> SearchHit:
        tier, _aff, neg_pop, _code, sid, q, by_name = key
        row = self.rows[sid]
        return SearchHit(
            code=row.code,
            name=row.name,
            level=row.level,
            division_code=row.division_code,
            division_name=self.division_names.get(row.division_code, row.division_code),
            department=row.department,
            score=float((4 - tier) * 100_000 + min(-neg_pop, 99_999)),
            tier=Tier(tier),
            highlight=self._highlight(row.name, q) if by_name and q else None,
            name_en=row.name_en,
            division_name_en=self.division_names_en.get(row.division_code, ""),
            department_en=row.department_en,
            highlight_en=(
                _en_span(row.name_en, q)
                if language == "en" and by_name and q and row.name_en
                else None
            ),
        )

    def _highlight(self, name: str, q: str) -> tuple[int, int] | None:
        text = normalize(name)
        at = text.find(q)
        if at >= 0:
            return at, at + len(q)
        entry_keys = self.entries[self._entry_of_name[name]].name_keys
        if entry_keys and q.isascii():
            return _latin_span(entry_keys[0].per_char, q)
        return None

    # --- browsing -----------------------------------------------------------------------------

    def browse(
        self, filters: SearchFilters, *, limit: int = 200, home_division: str | None = None
    ) -> list[SearchHit]:
        """Services matching the filters only, the resident's divisions and most used first."""
        home = self._home(home_division)
        affinity = {code: i for i, code in enumerate(home)}
        far = len(home)
        order = sorted(
            (s for s, row in enumerate(self.rows) if self._passes(row, filters)),
            key=lambda s: (
                affinity.get(self.rows[s].division_code, far),
                -self.rows[s].popularity,
                self.rows[s].code,
            ),
        )
        return [
            self._hit((int(Tier.KEYWORD), 0, -self.rows[s].popularity, "", s, "", False))
            for s in order[:limit]
        ]

    def themes(self) -> list[str]:
        """Every theme / life event that has at least one service."""
        return sorted({t for row in self.rows for t in row.themes})

    def departments(self, county_code: str | None = None) -> list[str]:
        """Departments, optionally of one county (with its towns)."""
        return sorted(
            {r.department for r in self.rows if county_code is None or r.county_code == county_code}
        )
