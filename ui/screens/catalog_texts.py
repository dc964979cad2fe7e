"""Names of the catalog's themes, levels and online depths in the resident's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# Life events and themes of the browse screen, in the order a resident scans them.
PERSON_THEMES = (
    "生育",
    "教育",
    "就业创业",
    "社会保障",
    "婚姻",
    "住房",
    "医疗",
    "养老",
    "户籍",
    "交通出行",
    "残疾人",
)
ENTERPRISE_THEMES = ("开办企业", "经营许可", "纳税", "工程建设", "注销")
LEVELS = ("municipal", "county", "town")


def theme_name(theme: str) -> str:
    """The theme's label: the catalog's Chinese value, translated from its English source."""
    names = {
        "生育": QCoreApplication.translate("Catalog", "Having a baby"),
        "教育": QCoreApplication.translate("Catalog", "Education"),
        "就业创业": QCoreApplication.translate("Catalog", "Jobs and starting out"),
        "社会保障": QCoreApplication.translate("Catalog", "Social security"),
        "婚姻": QCoreApplication.translate("Catalog", "Marriage"),
        "住房": QCoreApplication.translate("Catalog", "Housing"),
        "医疗": QCoreApplication.translate("Catalog", "Medical care"),
        "养老": QCoreApplication.translate("Catalog", "Elderly care"),
        "户籍": QCoreApplication.translate("Catalog", "Household registration"),
        "交通出行": QCoreApplication.translate("Catalog", "Transport"),
        "残疾人": QCoreApplication.translate("Catalog", "Disability"),
        "开办企业": QCoreApplication.translate("Catalog", "Starting a business"),
        "经营许可": QCoreApplication.translate("Catalog", "Business permits"),
        "纳税": QCoreApplication.translate("Catalog", "Taxes"),
        "工程建设": QCoreApplication.translate("Catalog", "Construction projects"),
        "注销": QCoreApplication.translate("Catalog", "Closing a business"),
    }
    return names.get(theme, theme)


def level_name(level: str) -> str:
    """市级 / 县区 / 乡镇街道 in the current language."""
    names = {
        "municipal": QCoreApplication.translate("Catalog", "City level"),
        "county": QCoreApplication.translate("Catalog", "Counties and districts"),
        "town": QCoreApplication.translate("Catalog", "Towns and streets"),
    }
    return names.get(level, level)


def online_depth_name(depth: str) -> str:
    """全程网办 / 最多跑一次 / 必须到现场 in the current language."""
    names = {
        "全程网办": QCoreApplication.translate("Catalog", "Fully online"),
        "最多跑一次": QCoreApplication.translate("Catalog", "At most one visit"),
        "必须到现场": QCoreApplication.translate("Catalog", "You must come in person"),
    }
    return names.get(depth, depth)
