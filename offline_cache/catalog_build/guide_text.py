"""Guide texts from templates per task type and theme: conditions, materials, fees, limits."""

from __future__ import annotations

from typing import Any

from offline_cache.catalog_build.classify import stable_fraction
from offline_cache.catalog_build.division_en import division_name_en
from offline_cache.catalog_build.sources import Division, SourceItem

Material = dict[str, Any]


def _m(
    name: str,
    en: str,
    *,
    original: bool = False,
    copies: int = 1,
    electronic: bool = False,
    capturable: bool = True,
    evidence: str = "C",
) -> Material:
    """One required material. Evidence levels: A electronic licence by reference, B read from a
    card at the terminal, C captured here (staff check the original), N none needed."""
    return {
        "name": name,
        "name_en": en,
        "form": "original" if original else "copy",
        "copies": copies,
        "medium": "electronic" if electronic else "paper",
        "capturable": capturable,
        "evidence_level": evidence,
    }


ID_CARD = _m("申请人居民身份证", "Applicant's resident ID card", original=True, evidence="B")
HOUSEHOLD_BOOK = _m("居民户口簿", "Household register booklet", original=True)
SOCIAL_CARD = _m("社会保障卡", "Social security card", original=True, evidence="B")
BANK_CARD = _m("本人银行账户（一类卡）", "Applicant's bank account (type I card)")
PHOTO = _m(
    "近期二寸免冠证件照片",
    "Recent 2-inch ID photo",
    copies=2,
    capturable=False,
    evidence="N",
)
LICENCE = _m(
    "营业执照",
    "Business licence",
    electronic=True,
    evidence="A",
)
LEGAL_REP_ID = _m("法定代表人身份证件", "Legal representative's ID", evidence="B")
AGENT = _m(
    "委托他人办理的，提交授权委托书及受托人身份证件",
    "If an agent applies: power of attorney and the agent's ID",
    original=True,
)

_THEME_MATERIALS: dict[str, list[Material]] = {
    "生育": [
        _m("夫妻双方居民身份证", "ID cards of both spouses", evidence="B"),
        _m("结婚证", "Marriage certificate", electronic=True, evidence="A"),
        HOUSEHOLD_BOOK,
    ],
    "教育": [
        _m("学生身份证或户口簿", "Student's ID card or household register"),
        _m("学籍证明或录取通知书", "Proof of enrolment or admission letter"),
        _m("家庭经济困难证明材料", "Proof of family financial hardship"),
    ],
    "就业创业": [
        ID_CARD,
        _m(
            "就业创业证",
            "Employment and entrepreneurship certificate",
            electronic=True,
            evidence="A",
        ),
        _m("劳动合同或用工证明", "Labour contract or proof of employment"),
    ],
    "社会保障": [ID_CARD, SOCIAL_CARD, BANK_CARD],
    "婚姻": [
        _m("双方居民身份证", "ID cards of both parties", original=True, evidence="B"),
        _m("双方居民户口簿", "Household registers of both parties", original=True),
        _m(
            "双方近期半身免冠合影照片",
            "Recent half-length photos of the couple",
            copies=3,
            capturable=False,
            evidence="N",
        ),
    ],
    "住房": [
        ID_CARD,
        _m("不动产权证书或购房合同", "Real estate certificate or purchase contract", evidence="A"),
        BANK_CARD,
    ],
    "医疗": [
        SOCIAL_CARD,
        _m("医疗费用票据", "Medical expense receipts", original=True),
        _m("出院记录或诊断证明", "Discharge summary or diagnosis"),
    ],
    "养老": [ID_CARD, HOUSEHOLD_BOOK, SOCIAL_CARD],
    "户籍": [ID_CARD, HOUSEHOLD_BOOK, _m("相关证明材料", "Supporting documents")],
    "交通出行": [
        ID_CARD,
        _m("机动车驾驶证或行驶证", "Driving licence or vehicle licence", evidence="A"),
        _m("车辆照片", "Photos of the vehicle", copies=2),
    ],
    "残疾人": [
        ID_CARD,
        HOUSEHOLD_BOOK,
        _m("二级以上医院出具的诊断证明", "Diagnosis from a grade-II or higher hospital"),
    ],
    "开办企业": [
        _m("公司章程或合伙协议", "Articles of association or partnership agreement"),
        _m("股东（投资人）主体资格证明", "Proof of the shareholders' (investors') status"),
        LEGAL_REP_ID,
        _m("住所（经营场所）使用证明", "Proof of the right to use the premises"),
    ],
    "经营许可": [
        LICENCE,
        LEGAL_REP_ID,
        _m("经营场所使用证明", "Proof of the right to use the premises"),
        _m("主要设施设备清单", "List of main facilities and equipment"),
        _m("相关管理制度文本", "Internal management rules"),
    ],
    "纳税": [
        LICENCE,
        _m("经办人身份证件", "ID of the person handling the matter", evidence="B"),
        _m("相关涉税资料", "Tax documents concerned", electronic=True, evidence="A"),
    ],
    "工程建设": [
        LICENCE,
        _m("建设工程规划许可证", "Construction planning permit", evidence="A"),
        _m("施工合同", "Construction contract"),
        _m(
            "施工图设计文件（A1图幅以上）",
            "Construction drawings (A1 and larger)",
            capturable=False,
        ),
    ],
    "注销": [
        LICENCE,
        _m("清税证明", "Tax clearance certificate", electronic=True, evidence="A"),
        _m("股东会决议或决定", "Shareholders' resolution"),
    ],
}

_TASK_APPLICATION: dict[str, tuple[str, str]] = {
    "1": ("行政许可申请书", "Licensing application"),
    "5": ("给付申请表", "Application for payment"),
    "7": ("确认申请表", "Application for confirmation"),
    "8": ("奖励申报表", "Award application"),
    "9": ("裁决申请书", "Application for a ruling"),
    "10": ("申请表", "Application form"),
    "20": ("申请表", "Application form"),
}


def materials(item: SourceItem, obj: str, item_themes: list[str]) -> list[Material]:
    """Application form first (filled at the terminal), then what the theme needs, then agent."""
    zh, en = _TASK_APPLICATION[item.task_type]
    out: list[Material] = [
        _m(f"《{zh}》", en, original=True, electronic=True, capturable=False, evidence="N")
    ]
    theme_list = _THEME_MATERIALS.get(item_themes[0], [])
    if not theme_list:
        theme_list = [ID_CARD] if obj == "person" else [LICENCE, LEGAL_REP_ID]
    seen = {m["name"] for m in out}
    for material in theme_list:
        if material["name"] not in seen:
            out.append(dict(material))
            seen.add(material["name"])
    if "变更" in item.name:
        out.append(_m("变更事项的证明材料", "Proof of the change"))
    if "补" in item.name and ("证" in item.name or "照" in item.name):
        out.append(_m("遗失声明或原证件", "Loss statement or the old certificate", original=True))
    out.append(dict(AGENT))
    return out


_CONDITIONS: dict[str, list[tuple[str, str]]] = {
    "生育": [
        (
            "夫妻双方或一方户籍在本辖区，或在本辖区居住",
            "At least one spouse is registered or lives here",
        ),
        (
            "符合《四川省人口与计划生育条例》规定",
            "Meets the Sichuan Population and Family Planning Regulations",
        ),
    ],
    "教育": [
        (
            "申请人为本辖区在籍学生或其监护人",
            "The applicant is a student enrolled here or a guardian",
        )
    ],
    "就业创业": [
        ("在法定劳动年龄内，有劳动能力和就业愿望", "Of working age, able and willing to work"),
        ("已在本辖区办理就业或失业登记", "Registered as employed or unemployed here"),
    ],
    "社会保障": [
        ("申请人户籍或居住地在本辖区", "The applicant is registered or lives here"),
        (
            "按规定参加社会保险并缴费，或符合救助条件",
            "Insured and paying contributions, or eligible for assistance",
        ),
    ],
    "婚姻": [
        ("双方须亲自到婚姻登记机关办理", "Both parties must appear in person at the registry")
    ],
    "住房": [
        (
            "正常缴存住房公积金或拥有合法房屋权属",
            "Pays into the housing fund or holds lawful title",
        ),
    ],
    "医疗": [
        (
            "已参加基本医疗保险且处于待遇享受期",
            "Insured for basic medical care and entitled to benefits",
        )
    ],
    "养老": [
        (
            "达到规定年龄或符合领取养老待遇条件",
            "Has reached the set age or qualifies for a pension",
        ),
    ],
    "户籍": [("申请人或其监护人户籍在本辖区", "The applicant or guardian is registered here")],
    "交通出行": [
        (
            "车辆、驾驶人信息真实有效，无未处理的违法记录",
            "Vehicle and driver records valid, no open violations",
        )
    ],
    "残疾人": [
        (
            "持有残疾人证或经评定符合残疾标准",
            "Holds a disability certificate or meets the assessed standard",
        ),
    ],
    "开办企业": [
        (
            "名称、住所、经营范围等登记事项符合法律法规",
            "Name, address and business scope comply with the law",
        ),
        ("申请材料齐全、符合法定形式", "Application complete and in the legal form"),
    ],
    "经营许可": [
        ("已依法取得营业执照", "Holds a business licence"),
        (
            "具有与经营项目相适应的场所、设施和人员",
            "Has premises, equipment and staff fit for the business",
        ),
        ("有健全的管理制度", "Has sound management rules"),
    ],
    "纳税": [
        ("已办理涉税信息确认，无未结清的税款", "Tax information confirmed, no outstanding tax")
    ],
    "工程建设": [
        ("已取得建设用地和规划许可", "Holds land use and planning permits"),
        ("建设资金已经落实，施工图设计文件已按规定审查合格", "Funds secured, drawings approved"),
    ],
    "注销": [("已结清税款、债权债务", "Taxes, debts and claims settled")],
}

_TASK_CONDITIONS: dict[str, tuple[str, str]] = {
    "1": (
        "申请事项属于本机关法定许可范围",
        "The matter is within this authority's licensing powers",
    ),
    "5": (
        "符合给付对象条件且未重复享受同类待遇",
        "Eligible and not already receiving the same benefit",
    ),
    "7": ("申请确认的事实清楚、证据确凿", "The facts to confirm are clear and proven"),
    "8": (
        "符合奖励条件且经公示无异议",
        "Meets the award conditions, no objection after publication",
    ),
    "9": ("争议属于本机关裁决范围", "The dispute falls within this authority's rulings"),
    "10": ("符合法律法规规定的条件", "Meets the conditions set by law"),
    "20": ("申请人身份信息真实有效", "The applicant's identity is valid"),
}


def conditions(item: SourceItem, item_themes: list[str]) -> list[dict[str, str]]:
    """Conditions as a guide lists them: task-type condition first, then the theme's."""
    pairs = [_TASK_CONDITIONS[item.task_type], *_CONDITIONS.get(item_themes[0], [])]
    return [{"text": zh, "text_en": en} for zh, en in pairs]


_LAW_BY_THEME: dict[str, str] = {
    "生育": "《四川省人口与计划生育条例》",
    "教育": "《中华人民共和国教育法》",
    "就业创业": "《中华人民共和国就业促进法》",
    "社会保障": "《中华人民共和国社会保险法》《社会救助暂行办法》",
    "婚姻": "《婚姻登记条例》",
    "住房": "《住房公积金管理条例》",
    "医疗": "《中华人民共和国基本医疗卫生与健康促进法》《医疗保障基金使用监督管理条例》",
    "养老": "《中华人民共和国老年人权益保障法》《四川省老年人权益保障条例》",
    "户籍": "《中华人民共和国户口登记条例》《中华人民共和国居民身份证法》",
    "交通出行": "《中华人民共和国道路交通安全法》《中华人民共和国道路运输条例》",
    "残疾人": "《中华人民共和国残疾人保障法》",
    "开办企业": "《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》",
    "经营许可": "《中华人民共和国行政许可法》",
    "纳税": "《中华人民共和国税收征收管理法》",
    "工程建设": "《中华人民共和国建筑法》《建筑工程施工许可管理办法》",
    "注销": "《中华人民共和国市场主体登记管理条例》",
}


def legal_basis(item: SourceItem, item_themes: list[str]) -> list[str]:
    """Laws the service rests on; every licence also rests on the Administrative Licensing Law."""
    out = [_LAW_BY_THEME.get(item_themes[0], "《四川省行政审批制度改革相关规定》")]
    if item.task_type == "1" and "行政许可法" not in out[0]:
        out.append("《中华人民共和国行政许可法》")
    return out


_FEES: tuple[tuple[str, str, str], ...] = (
    ("临时", "临时居民身份证工本费10元", "Temporary ID card fee CNY 10"),
    ("居民身份证", "居民身份证工本费20元（首次申领免收）", "ID card fee CNY 20 (first card free)"),
    ("驾驶证", "工本费10元", "Production fee CNY 10"),
    ("不动产", "住宅类80元/件，非住宅类550元/件", "CNY 80 per home, CNY 550 otherwise"),
)


def fee(item: SourceItem) -> dict[str, Any]:
    """Whether the service costs anything (most are free by law)."""
    for word, zh, en in _FEES:
        if word in item.name:
            return {"charged": True, "text": zh, "text_en": en}
    return {"charged": False, "text": "不收费", "text_en": "Free of charge"}


_STATUTORY = {"1": 20, "5": 30, "7": 20, "8": 30, "9": 60, "10": 20, "20": 0}


def time_limits(item: SourceItem) -> tuple[int, int]:
    """(statutory, promised) limits in working days; 0 means done on the spot (即办)."""
    statutory = _STATUTORY[item.task_type]
    u = stable_fraction("promised", item.basic_code, item.name)
    if statutory == 0:
        return 0, (0 if u < 0.6 else 1 + int(u * 5))
    return statutory, max(1, int(statutory * (0.1 + 0.4 * u)))


ONLINE_DEPTHS = ("全程网办", "最多跑一次", "必须到现场")
ONLINE_DEPTH_EN = {
    "全程网办": "Fully online",
    "最多跑一次": "At most one visit",
    "必须到现场": "Must come in person",
}
_IN_PERSON_WORDS = ("身份证办理", "婚姻登记", "驾驶证", "检疫", "现场", "出生医学证明", "采集")


def online_depth(item: SourceItem) -> str:
    """How far the service can be done without coming to a counter."""
    if any(w in item.name for w in _IN_PERSON_WORDS):
        return "必须到现场"
    if any(w in item.name for w in ("查询", "咨询", "打印", "核验", "证明开具")):
        return "全程网办"
    u = stable_fraction("depth", item.basic_code)
    if item.task_type in ("1", "9"):
        return "最多跑一次" if u < 0.8 else "必须到现场"
    return "全程网办" if u < 0.35 else ("最多跑一次" if u < 0.9 else "必须到现场")


HOURS = "周一至周五 上午9:00-12:00，下午13:30-17:00（法定节假日除外）"
HOURS_EN = "Mon-Fri 9:00-12:00 and 13:30-17:00, except public holidays"


def counters(division: Division, department: str, county_name: str) -> list[dict[str, str]]:
    """Where to go: the division's service hall and the department's window in it."""
    if division.level == "municipal":
        hall, hall_en = "绵阳市政务服务中心", "Mianyang Government Service Centre"
        address = "绵阳市涪城区 市政务服务中心"
    elif division.level == "county":
        hall = f"{division.name}政务服务中心"
        hall_en = f"{division_name_en(division.code, division.name)} Government Service Centre"
        address = f"绵阳市{division.name} 政务服务中心"
    else:
        hall = f"{division.name}便民服务中心"
        hall_en = f"{division_name_en(division.code, division.name)} Convenience Service Centre"
        address = f"绵阳市{county_name}{division.name} 便民服务中心"
    window = int(stable_fraction("window", division.code, department) * 40) + 1
    return [
        {
            "name": f"{hall} {department}窗口（{window}号）",
            "name_en": f"{hall_en}, window {window}",
            "address": address,
            "hours": HOURS,
            "hours_en": HOURS_EN,
        }
    ]


def form_id(obj: str, item_themes: list[str], task_type: str) -> str:
    """The shared application form the service uses (offline_cache/bundled/forms/<id>.json)."""
    theme = item_themes[0]
    if obj == "enterprise":
        return {
            "开办企业": "enterprise-registration",
            "注销": "enterprise-registration",
            "经营许可": "enterprise-license",
            "工程建设": "enterprise-construction",
            "纳税": "enterprise-tax",
        }.get(theme, "enterprise-general")
    if theme in ("生育", "户籍", "婚姻"):
        return "person-family"
    if theme in ("社会保障", "医疗") and task_type in ("5", "20"):
        return "person-benefit"
    return {
        "住房": "person-housing",
        "教育": "person-education",
        "就业创业": "person-employment",
        "养老": "person-elderly-disability",
        "残疾人": "person-elderly-disability",
        "交通出行": "person-vehicle",
    }.get(theme, "person-general")
