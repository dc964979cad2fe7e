"""Search as residents type it: Chinese, pinyin, initials, synonyms, typos; ranking; filters."""

from __future__ import annotations

import pytest

from kiosk.catalog import CatalogIndex, SearchFilters, Tier
from offline_cache.pinyin_keys import POLYPHONIC, heteronyms, keys_for

FUCHENG_FENGGU = "510703100"  # 丰谷镇, 涪城区


def names(index: CatalogIndex, query: str, limit: int = 10, **kw: object) -> list[str]:
    return [h.name for h in index.search(query, limit=limit, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("身份证", "居民身份证办理（包括临时）"),
        ("shenfenzheng", "居民身份证办理（包括临时）"),
        ("shen fen zheng", "居民身份证办理（包括临时）"),
        ("sfz", "居民身份证办理（包括临时）"),
        ("身份zheng", "居民身份证办理（包括临时）"),
        ("身分证", "居民身份证办理（包括临时）"),  # a homophone typo
        ("shenfenzhneg", "居民身份证办理（包括临时）"),  # swapped letters
        ("ＳＦＺ", "居民身份证办理（包括临时）"),  # full-width capitals
        ("生育登记", "生育登记"),
        ("shengyudengji", "生育登记"),
        ("老年人优待证", "申领《四川省老年人优待证》"),
        ("老年证", "申领《四川省老年人优待证》"),
        ("公积金", "住房公积金提取（购买自住住房）"),
        ("户口", "户口迁移审批"),
        ("低保", "最低生活保障"),
    ],
)
def test_the_service_people_mean_is_in_the_first_results(
    catalog_index: CatalogIndex, query: str, expected: str
) -> None:
    assert expected in names(catalog_index, query, limit=10)


@pytest.mark.parametrize("query", ["营业执照", "yyzz", "yingyezhizhao"])
def test_business_licence_words_find_company_and_sole_trader_registration(
    catalog_index: CatalogIndex, query: str
) -> None:
    found = set(names(catalog_index, query, limit=10))
    assert {"公司设立登记", "个体工商户设立登记"} <= found


@pytest.mark.parametrize("query", ["社保", "shebao"])
def test_shebao_finds_social_insurance_services(catalog_index: CatalogIndex, query: str) -> None:
    hits = names(catalog_index, query, limit=20)
    assert hits and all(any(w in n for w in ("社会保", "参保", "保险")) for n in hits)


def test_medical_insurance_short_name(catalog_index: CatalogIndex) -> None:
    assert any("医疗保" in n or "医保" in n for n in names(catalog_index, "医保", limit=5))


def test_exact_name_ranks_above_prefix_above_substring(catalog_index: CatalogIndex) -> None:
    hits = catalog_index.search("就业登记", limit=50)
    assert hits[0].name == "就业登记" and hits[0].tier is Tier.EXACT
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers)


def test_same_tier_ranks_by_popularity(catalog_index: CatalogIndex) -> None:
    hits = catalog_index.search("登记", limit=40)
    by_tier: dict[Tier, list[float]] = {}
    for h in hits:
        by_tier.setdefault(h.tier, []).append(h.score)
    for scores in by_tier.values():
        assert scores == sorted(scores, reverse=True)


def test_the_residents_own_division_comes_first_among_equals(catalog_index: CatalogIndex) -> None:
    hits = catalog_index.search("生育登记", limit=20, home_division=FUCHENG_FENGGU)
    county_hits = [h for h in hits if h.level == "county"]
    town_hits = [h for h in hits if h.level == "town"]
    assert county_hits[0].division_name == "涪城区"
    assert town_hits[0].division_name == "丰谷镇"


def test_matched_part_is_highlighted(catalog_index: CatalogIndex) -> None:
    hit = catalog_index.search("sfz", limit=1)[0]
    assert hit.highlight is not None
    start, end = hit.highlight
    assert hit.name[start:end] == "身份证"


def test_department_words_find_the_departments_services(catalog_index: CatalogIndex) -> None:
    hits = catalog_index.search("公积金管理中心", limit=10)
    assert hits and all(h.tier <= Tier.DEPARTMENT for h in hits)
    assert all("公积金" in h.name or "公积金" in h.department for h in hits)


def test_filters_narrow_the_results(catalog_index: CatalogIndex) -> None:
    towns = catalog_index.search(
        "登记", limit=30, filters=SearchFilters(level="town", county_code="510722")
    )
    assert towns and all(h.level == "town" and h.division_code.startswith("510722") for h in towns)
    firms = catalog_index.search("许可", limit=30, filters=SearchFilters(service_object="person"))
    assert all(catalog_index.rows[0] is not None for _ in firms)
    here = catalog_index.search("身份证", limit=30, filters=SearchFilters(here_only=True))
    assert "居民身份证办理（包括临时）" not in [h.name for h in here]  # must come in person
    themed = catalog_index.browse(SearchFilters(theme="生育"), limit=50)
    assert themed and all(
        "生育" in r.themes for r in catalog_index.rows if r.code in {h.code for h in themed}
    )


def test_nonsense_finds_nothing(catalog_index: CatalogIndex) -> None:
    assert catalog_index.search("qqqqxxxx", limit=10) == []
    assert catalog_index.search("   ", limit=10) == []


def test_polyphonic_characters_match_their_common_readings() -> None:
    keys = keys_for("银行业务重新办理")
    assert "yinhangyewuchongxinbanli" in keys.full
    assert any(k.startswith("yinxing") for k in keys.full)
    assert "yhywcxbl" in keys.initials


def test_polyphonic_table_agrees_with_pypinyin() -> None:
    for ch, readings in POLYPHONIC.items():
        assert set(readings) <= set(heteronyms(ch)), ch
