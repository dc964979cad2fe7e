"""Classifying a source item: who it serves, its themes, which levels hold it, how popular it is."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from offline_cache.catalog_build.division_en import CITY_EN, division_name_en
from offline_cache.catalog_build.sources import Division, SourceItem

TASK_TYPES: dict[str, tuple[str, str]] = {
    "1": ("行政许可", "Administrative licensing"),
    "5": ("行政给付", "Administrative payment"),
    "7": ("行政确认", "Administrative confirmation"),
    "8": ("行政奖励", "Administrative award"),
    "9": ("行政裁决", "Administrative ruling"),
    "10": ("其他行政权力", "Other administrative power"),
    "20": ("公共服务", "Public service"),
}

PERSON_THEMES: dict[str, str] = {
    "生育": "Childbirth",
    "教育": "Education",
    "就业创业": "Jobs and starting a business",
    "社会保障": "Social security",
    "婚姻": "Marriage",
    "住房": "Housing",
    "医疗": "Medical care",
    "养老": "Old age",
    "户籍": "Household registration",
    "交通出行": "Transport",
    "残疾人": "Disability",
}
ENTERPRISE_THEMES: dict[str, str] = {
    "开办企业": "Starting a business",
    "经营许可": "Operating permits",
    "纳税": "Taxes",
    "工程建设": "Construction projects",
    "注销": "Closing a business",
}
THEMES_EN: dict[str, str] = {**PERSON_THEMES, **ENTERPRISE_THEMES}


@dataclass(frozen=True)
class Department:
    """A department kind and how its name reads at each level."""

    key: str
    city: str  # name at the municipal level, after 绵阳市
    county: str  # name at the county level, after the county's name
    en: str


# Source labels of 广安区 -> the department of the same job in Mianyang.
DEPARTMENTS: dict[str, Department] = {
    d.key: d
    for d in (
        Department("区行政审批局", "行政审批局", "行政审批局", "Administrative Approval Bureau"),
        Department(
            "区人社局",
            "人力资源和社会保障局",
            "人力资源和社会保障局",
            "Human Resources and Social Security Bureau",
        ),
        Department("区交通运输局", "交通运输局", "交通运输局", "Transport Bureau"),
        Department("广安区税务局", "税务局", "税务局", "Taxation Bureau"),
        Department(
            "区住建局",
            "住房和城乡建设委员会",
            "住房和城乡建设局",
            "Housing and Urban-Rural Development Bureau",
        ),
        Department(
            "区自然资源和规划局",
            "自然资源和规划局",
            "自然资源局",
            "Natural Resources and Planning Bureau",
        ),
        Department("区公安分局", "公安局", "公安局", "Public Security Bureau"),
        Department("区医疗保障局", "医疗保障局", "医疗保障局", "Healthcare Security Bureau"),
        Department(
            "区文广旅局",
            "文化广播电视和旅游局",
            "文化广播电视和旅游局",
            "Culture, Radio, Television and Tourism Bureau",
        ),
        Department("区教科体局", "教育和体育局", "教育和体育局", "Education and Sports Bureau"),
        Department(
            "区农业农村局", "农业农村局", "农业农村局", "Agriculture and Rural Affairs Bureau"
        ),
        Department("区司法局", "司法局", "司法局", "Justice Bureau"),
        Department("区卫健局", "卫生健康委员会", "卫生健康局", "Health Commission"),
        Department("区民政局", "民政局", "民政局", "Civil Affairs Bureau"),
        Department(
            "区市监局", "市场监督管理局", "市场监督管理局", "Market Regulation Administration"
        ),
        Department("区林业局", "林业局", "林业局", "Forestry Bureau"),
        Department("区生态环境局", "生态环境局", "生态环境局", "Ecology and Environment Bureau"),
        Department("区残联", "残疾人联合会", "残疾人联合会", "Disabled Persons' Federation"),
        Department("区水务局", "水利局", "水利局", "Water Resources Bureau"),
        Department("区应急管理局", "应急管理局", "应急管理局", "Emergency Management Bureau"),
        Department(
            "区政府办", "人民政府办公室", "人民政府办公室", "General Office of the Government"
        ),
        Department("区烟草专卖局", "烟草专卖局", "烟草专卖局", "Tobacco Monopoly Bureau"),
        Department("区气象局", "气象局", "气象局", "Meteorological Bureau"),
        Department(
            "区退役军人事务局", "退役军人事务局", "退役军人事务局", "Veterans Affairs Bureau"
        ),
        Department("区财政局", "财政局", "财政局", "Finance Bureau"),
        Department("区委办", "档案馆", "档案馆", "Archives"),
        Department(
            "区综合执法局",
            "综合行政执法局",
            "综合行政执法局",
            "Comprehensive Law Enforcement Bureau",
        ),
        Department(
            "区发改局", "发展和改革委员会", "发展和改革局", "Development and Reform Commission"
        ),
        Department(
            "区公管办",
            "公共资源交易服务中心",
            "公共资源交易服务中心",
            "Public Resources Trading Centre",
        ),
        Department("区商务局", "商务局", "商务局", "Commerce Bureau"),
        Department(
            "区委统战部", "民族宗教事务局", "民族宗教事务局", "Ethnic and Religious Affairs Bureau"
        ),
        Department(
            "区经信局",
            "经济和信息化局",
            "经济和信息化局",
            "Economy and Information Technology Bureau",
        ),
        Department("区消防大队", "消防救援支队", "消防救援大队", "Fire and Rescue"),
        Department("区统计局", "统计局", "统计局", "Statistics Bureau"),
        Department(
            "市住房公积金管理中心",
            "住房公积金管理中心",
            "住房公积金管理中心",
            "Housing Provident Fund Centre",
        ),
    )
}


def department_name(item: SourceItem, division: Division, county_name: str) -> tuple[str, str]:
    """The Chinese and English name of the department that handles the item in a division."""
    dept = DEPARTMENTS[item.department]
    # English names carry the division too: the department list must tell them apart.
    where_en = division_name_en(division.code, division.name)
    if division.level == "town":
        office = "便民服务中心"
        return f"{division.name}{office}", f"{where_en} Convenience Service Centre"
    if dept.key == "广安区税务局":
        return f"国家税务总局{division.name}税务局", f"{where_en} Taxation Bureau (STA)"
    if division.level == "municipal":
        return f"绵阳市{dept.city}", f"{CITY_EN} {dept.en}"
    if dept.key == "区公安分局" and county_name.endswith("区"):
        return (
            f"绵阳市公安局{county_name}分局",
            f"{CITY_EN} Public Security Bureau, {where_en} Branch",
        )
    if dept.key == "市住房公积金管理中心":
        return (
            f"绵阳市住房公积金管理中心{county_name}管理部",
            f"{CITY_EN} Housing Provident Fund Centre, {where_en} Office",
        )
    return f"{county_name}{dept.county}", f"{where_en} {dept.en}"


def stable_fraction(*parts: str) -> float:
    """A number in [0, 1) that depends only on the text given (never on Python's hash seed)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


# (substring of the name, theme); the first rules that match decide the themes.
_THEME_RULES: tuple[tuple[str, str], ...] = (
    ("生育", "生育"),
    ("出生", "生育"),
    ("母婴", "生育"),
    ("计划生育", "生育"),
    ("学校", "教育"),
    ("学生", "教育"),
    ("学籍", "教育"),
    ("教师", "教育"),
    ("入学", "教育"),
    ("幼儿园", "教育"),
    ("助学", "教育"),
    ("招生", "教育"),
    ("就业", "就业创业"),
    ("失业", "就业创业"),
    ("创业", "就业创业"),
    ("职业", "就业创业"),
    ("技能", "就业创业"),
    ("劳动", "就业创业"),
    ("社会保险", "社会保障"),
    ("社会保障", "社会保障"),
    ("参保", "社会保障"),
    ("救助", "社会保障"),
    ("最低生活保障", "社会保障"),
    ("特困", "社会保障"),
    ("工伤", "社会保障"),
    ("补贴", "社会保障"),
    ("婚姻", "婚姻"),
    ("结婚", "婚姻"),
    ("收养", "婚姻"),
    ("住房", "住房"),
    ("公积金", "住房"),
    ("宅基地", "住房"),
    ("不动产", "住房"),
    ("房屋", "住房"),
    ("医疗", "医疗"),
    ("医保", "医疗"),
    ("医师", "医疗"),
    ("诊所", "医疗"),
    ("药", "医疗"),
    ("门诊", "医疗"),
    ("养老", "养老"),
    ("老年", "养老"),
    ("高龄", "养老"),
    ("退休", "养老"),
    ("户口", "户籍"),
    ("身份证", "户籍"),
    ("居住证", "户籍"),
    ("民族成份", "户籍"),
    ("驾驶", "交通出行"),
    ("机动车", "交通出行"),
    ("道路运输", "交通出行"),
    ("出租汽车", "交通出行"),
    ("客运", "交通出行"),
    ("拖拉机", "交通出行"),
    ("残疾", "残疾人"),
    ("辅助器具", "残疾人"),
    ("设立登记", "开办企业"),
    ("个体工商户设立", "开办企业"),
    ("备案", "经营许可"),
    ("经营许可", "经营许可"),
    ("许可证", "经营许可"),
    ("生产许可", "经营许可"),
    ("税", "纳税"),
    ("发票", "纳税"),
    ("施工", "工程建设"),
    ("建设项目", "工程建设"),
    ("建设工程", "工程建设"),
    ("工程", "工程建设"),
    ("规划", "工程建设"),
    ("注销", "注销"),
)

_ENTERPRISE_WORDS = (
    "企业",
    "公司",
    "单位",
    "机构",
    "经营",
    "项目",
    "工程",
    "建设",
    "施工",
    "纳税人",
    "发票",
    "生产",
    "运输证",
    "许可证",
    "个体工商户",
    "社会组织",
    "合作社",
    "场所",
    "分支",
    "团体",
)
_PERSON_WORDS = (
    "居民",
    "个人",
    "公民",
    "残疾人",
    "老年",
    "生育",
    "婚姻",
    "户口",
    "身份证",
    "失业",
    "就业",
    "退休",
    "学生",
    "儿童",
    "救助",
    "最低生活",
    "补贴",
    "驾驶证",
    "居住证",
    "出生",
    "参保人员",
    "宅基地",
    "公积金",
    "教师资格",
    "医师",
    "特困",
    "高龄",
    "抚恤",
)


def service_object(item: SourceItem) -> str:
    """ "person" or "enterprise": who applies (persons win on mixed names: they need the help)."""
    name = item.name
    if any(w in name for w in _PERSON_WORDS):
        return "person"
    if any(w in name for w in _ENTERPRISE_WORDS):
        return "enterprise"
    return "person" if item.task_type in ("5", "7", "20") else "enterprise"


def themes(item: SourceItem, obj: str) -> list[str]:
    """The themes / life events the item belongs to, at most three, in rule order."""
    allowed = PERSON_THEMES if obj == "person" else ENTERPRISE_THEMES
    found: list[str] = []
    for word, theme in _THEME_RULES:
        if (
            theme in allowed
            and theme not in found
            and (word in item.name or word in item.main_item)
        ):
            found.append(theme)
    if not found:
        found.append("经营许可" if obj == "enterprise" else "社会保障")
    return found[:3]


# Items a town or street convenience centre handles (受理 / 初审) in Sichuan.
_TOWN_ITEMS = (
    "最低生活保障",
    "特困人员救助供养",
    "临时救助",
    "80周岁以上老年人高龄津贴发放",
    "申领《四川省老年人优待证》",
    "城乡居民基本养老保险参保登记",
    "生育登记",
)
# Only where there is farmland: towns and townships, not streets.
_RURAL_TOWN_ITEMS = ("农村村民宅基地审批", "农村部分计划生育家庭奖励扶助金")


def town_role(item: SourceItem) -> str:
    """ "all" if every town handles it, "rural" if only towns and townships, else ""."""
    if item.name in _TOWN_ITEMS:
        return "all"
    if item.name in _RURAL_TOWN_ITEMS:
        return "rural"
    return ""


def level_role(item: SourceItem) -> tuple[bool, bool]:
    """(may be municipal, may be county) from the name's 市级/县级 markers and the department."""
    name = item.name
    if "市级/县级" in name or "县级/市级" in name:
        return True, True
    if "县级" in name:
        return False, True
    if "市级" in name and "设区的市级" not in name:
        return True, False
    if item.department == "市住房公积金管理中心":
        return True, True
    if item.name.startswith("生育登记"):
        return False, True
    if item.name == "农村村民宅基地审批":
        return False, False
    return True, True


# Items residents ask for most, with a monthly count; the rest get a count from a stable hash.
_HOT: tuple[tuple[str, int], ...] = (
    ("居民身份证办理", 9200),
    ("社会保障卡", 6100),
    ("城乡居民参保登记", 5200),
    ("参保人员参保信息查询", 5000),
    ("个人参保证明查询打印", 4800),
    ("生育登记", 4700),
    ("公司设立登记", 4300),
    ("个体工商户设立登记", 4200),
    ("住房公积金提取", 4100),
    ("城乡居民基本养老保险", 3900),
    ("申领《四川省老年人优待证》", 3600),
    ("户口迁移", 3500),
    ("居住证办理", 3300),
    ("无犯罪记录证明", 3200),
    ("代开增值税", 3100),
    ("就业登记", 3000),
    ("失业登记", 2900),
    ("养老保险定期待遇领取资格认证", 2800),
    ("中国内地公民婚姻登记", 2700),
    ("生育津贴支付", 2600),
    ("最低生活保障", 2500),
    ("残疾人证新办", 2300),
    ("《出生医学证明》首次签发", 2200),
    ("高龄津贴", 2100),
    ("食品(含保健食品)经营许可", 2000),
    ("食品（含保健食品）经营许可", 2000),
    ("住房公积金", 1900),
    ("基本医疗保险关系转移接续", 1800),
    ("临时救助", 1700),
    ("建筑工程施工许可证核发", 1500),
)
LEVEL_FACTOR = {"municipal": 1.0, "county": 0.6, "town": 0.35}


def base_popularity(item: SourceItem) -> int:
    """Monthly applications of the item in a typical division (what the platform reports)."""
    for word, count in _HOT:
        if word in item.name:
            return count
    u = stable_fraction("popularity", item.basic_code, item.name)
    # Long tail: most items are asked for a few times a month, some a few hundred.
    return int(3 * 10 ** (u * 2.3))


_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")


def short_name(name: str) -> str:
    """What people call the service: no bracketed scope notes, no 申领《》 wrapper."""
    short = _BRACKETS.sub("", name).strip()
    inner = re.search(r"《([^》]+)》", short)
    if inner and (short.startswith(("申领", "申请", "办理")) or len(short) > 18):
        short = inner.group(1)
    short = short.replace("《", "").replace("》", "")
    short = short.removeprefix("四川省")
    return short or name


# (substring of the name, keywords residents type for it)
_KEYWORD_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("身份证", ("身份证", "办证", "二代证")),
    ("社会保险", ("社保",)),
    ("社会保障卡", ("社保卡",)),
    ("参保", ("社保", "参保")),
    ("医疗保险", ("医保",)),
    ("医疗保障", ("医保",)),
    ("医疗费", ("医保", "报销")),
    ("养老保险", ("养老金", "社保")),
    ("公积金", ("公积金",)),
    ("提取", ("取钱",)),
    ("设立登记", ("营业执照", "开公司", "办执照")),
    ("个体工商户", ("营业执照", "个体户")),
    ("公司", ("营业执照",)),
    ("户口", ("户口", "户籍", "落户")),
    ("居住证", ("暂住证",)),
    ("生育登记", ("准生证", "生孩子", "生育服务证")),
    ("生育", ("生孩子",)),
    ("出生医学证明", ("出生证",)),
    ("婚姻登记", ("结婚", "离婚", "结婚证")),
    ("驾驶证", ("驾照",)),
    ("最低生活保障", ("低保",)),
    ("残疾人证", ("残疾证",)),
    ("老年人优待证", ("老年证", "敬老卡")),
    ("高龄津贴", ("高龄补贴", "老人补贴")),
    ("发票", ("开发票",)),
    ("施工许可", ("施工证",)),
    ("无犯罪记录", ("无犯罪证明", "良民证")),
    ("失业", ("失业金",)),
    ("就业", ("找工作",)),
    ("教师资格", ("教资",)),
    ("宅基地", ("建房", "盖房")),
    ("食品", ("食品经营许可证",)),
    ("退休", ("退休",)),
)


def keywords(item: SourceItem, item_themes: list[str]) -> list[str]:
    """Search keywords: the everyday words for the service plus its themes."""
    out: list[str] = []
    for word, words in _KEYWORD_RULES:
        if word in item.name:
            out.extend(w for w in words if w not in out)
    if item.main_item not in ("未分类", item.name):
        out.append(_BRACKETS.sub("", item.main_item))
    out.extend(t for t in item_themes if t not in out)
    return out[:8]


# Who may apply alone (coord: ``min_applicant_age``). 18 is full civil capacity (Civil Code
# art. 17-18): a minor's application is made by a guardian. Marriage registration uses 20, the
# lower statutory marriage age (Civil Code art. 1047: 22 for men, 20 for women); the registry
# itself checks the age that applies to each party. The resident ID card may be applied for
# alone from 16 (Resident ID Card Law art. 8: under 16 a guardian applies), as may work and
# social insurance (Labour Law art. 15: the minimum working age is 16).
_AGE_RULES: tuple[tuple[str, int], ...] = (
    ("婚姻登记", 20),
    ("结婚", 20),
    ("收养", 18),
    ("生育登记", 18),
    ("居民身份证", 16),
    ("驾驶", 18),
    ("医师", 18),
    ("教师资格", 18),
    ("宅基地", 18),
    ("住房公积金", 16),
)
_AGE_BY_THEME = {"就业创业": 16, "社会保障": 16, "住房": 18, "交通出行": 18}


def min_applicant_age(item: SourceItem, obj: str, item_themes: list[str]) -> int | None:
    """The youngest age at which a person may apply alone; None when there is no limit."""
    if obj == "enterprise":
        return 18  # only an adult can represent an enterprise (legal representative, agent)
    for word, age in _AGE_RULES:
        if word in item.name:
            return age
    if item.task_type == "1":
        return 18  # a licence binds the holder: full civil capacity
    for theme in item_themes:
        if theme in _AGE_BY_THEME:
            return _AGE_BY_THEME[theme]
    return None  # 户籍, 教育, 医疗…: minors' own matters, usually brought by a guardian
