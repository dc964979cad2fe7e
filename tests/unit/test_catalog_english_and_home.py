"""English names (generated, searchable), English division names, the resident's division
first, the "can be done here" filter, and the youngest age to apply alone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kiosk.catalog import CatalogIndex
from kiosk.catalog_home import home_division_of
from kiosk.catalog_query import SearchFilters
from offline_cache.catalog_build.division_en import division_name_en
from offline_cache.catalog_build.name_en import english_name
from offline_cache.catalog_store import CatalogStore


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("生育登记", "Birth registration"),
        ("公司设立登记", "Establishment registration of company"),
        ("燃气经营许可证变更", "Change of gas business licence"),
        ("建筑工程施工许可证核发", "Issuance of building works construction permit"),
        ("烟草专卖零售许可证补办", "Replacement of tobacco monopoly retail licence"),
        ("居民身份证办理（包括临时）", "Application for resident ID card (including temporary)"),
        ("就业技能培训补贴申请", "Application for employment skills training subsidy"),
        ("医疗机构执业审批（县级）", "Approval of medical institution practice (county level)"),
    ],
)
def test_service_names_read_as_english(chinese: str, english: str) -> None:
    assert english_name(chinese) == english


@pytest.mark.parametrize(
    ("code", "name", "english"),
    [
        ("510726", "北川羌族自治县", "Beichuan Qiang Autonomous County"),
        ("510781", "江油市", "Jiangyou City"),
        ("510703001", "城厢街道", "Chengxiang Subdistrict"),
        ("510781101", "太平镇", "Taiping Town"),
        ("510726209", "片口乡", "Piankou Township"),
        ("510727215", "白马藏族乡", "Baima Tibetan Ethnic Township"),
        ("510723110", "乐安镇", "Le'an Town"),
    ],
)
def test_divisions_have_english_names(code: str, name: str, english: str) -> None:
    assert division_name_en(code, name) == english


def test_every_bundled_service_and_division_has_an_english_name(
    catalog_store: CatalogStore,
) -> None:
    rows = catalog_store.service_rows()
    assert all(r.name_en and r.name_en.isascii() for r in rows)
    assert all(r.department_en.isascii() for r in rows)
    assert all(d.name_en and d.name_en.isascii() for d in catalog_store.divisions())


def test_english_words_find_services_in_english_mode_only(catalog_index: CatalogIndex) -> None:
    hits = catalog_index.search("birth reg", limit=5, language="en")
    assert hits and hits[0].name_en == "Birth registration"
    shown = hits[0].in_language("en")
    assert shown.name == "Birth registration" and shown.highlight == (0, 9)
    assert shown.division_name.isascii()
    assert not catalog_index.search("birth reg", limit=5, language="zh")


def test_the_residents_own_town_then_county_come_first(catalog_index: CatalogIndex) -> None:
    town = "510781101"  # 江油市太平镇
    hits = catalog_index.search("生育登记", limit=5, home_division=town)
    assert [h.division_code for h in hits[:2]] == [town, "510781"]
    assert all(h.name == "生育登记" for h in hits[:2])
    without = catalog_index.search("生育登记", limit=5)
    assert without[0].division_code != town


def test_can_be_done_here_keeps_only_terminal_services(catalog_index: CatalogIndex) -> None:
    here = SearchFilters(here_only=True)
    hits = catalog_index.search("身份证", limit=20, filters=here)
    assert hits and all(catalog_index.rows[0] is not None for _ in hits)
    codes = {h.code for h in hits}
    rows = {r.code: r for r in catalog_index.rows}
    assert all(rows[c].terminal_applicable for c in codes)
    assert any(not r.terminal_applicable for r in catalog_index.rows)


def test_home_division_comes_from_the_address_or_else_the_id_region() -> None:
    at_home = SimpleNamespace(address="四川省绵阳市江油市太平镇太白路1号", number="")
    assert home_division_of(at_home) == "510781101"
    by_id = SimpleNamespace(address="北京市朝阳区", number="510703199001011234")
    assert home_division_of(by_id) == "510703"
    visitor = SimpleNamespace(address="北京市朝阳区", number="110105199001011234")
    assert home_division_of(visitor) is None
    assert home_division_of(None) is None


def test_minimum_applicant_ages_follow_the_documented_rules(catalog_store: CatalogStore) -> None:
    ages: dict[str, set[int | None]] = {}
    for row in catalog_store.service_rows():
        record = catalog_store.guide(row.code)
        assert record is not None
        ages.setdefault(row.service_object, set()).add(record.get("min_applicant_age"))
        if row.name == "中国内地公民婚姻登记":
            assert record["min_applicant_age"] == 20
    assert ages["enterprise"] == {18}
    assert ages["person"] >= {None, 16, 18}
