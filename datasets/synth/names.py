"""Department names composed from a region and an institution, with what they spend on.

Each institution carries the function items its own work is booked under and a few
project topics, so a synthetic 司法局 spends on 司法 and a 招商中心 on 招商引资.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

REGIONS = [
    "阳泉市",
    "晋城市",
    "长治市",
    "大同市",
    "朔州市",
    "忻州市",
    "吕梁市",
    "运城市",
    "阳城县",
    "沁水县",
    "平定县",
    "盂县",
    "襄垣县",
    "黎城县",
    "普陀区",
    "静安区",
    "徐汇区",
    "江宁区",
    "鼓楼区",
    "常州市",
    "南通市",
    "扬州市",
    "泰州市",
    "盐城市",
    "镇江市",
    "宿迁市",
    "淮安市",
    "连云港市",
    "江苏省",
    "山西省",
]


@dataclass(frozen=True)
class Institution:
    name: str
    items: tuple[str, ...]  # function items of its own work
    topics: tuple[str, ...]  # project topics
    offices: tuple[str, ...]  # internal offices (内设机构)


INSTITUTIONS = [
    Institution(
        "招商中心",
        ("2011301", "2011308", "2011399"),
        ("招商引资", "驻外招商", "投资促进活动", "营商环境宣传"),
        ("办公室", "投资服务科", "招商业务科", "督查考核科", "会展信息科"),
    ),
    Institution(
        "投资促进中心",
        ("2011308", "2011350", "2011399"),
        ("招商引资", "项目帮办", "网络平台维护", "招商团队"),
        ("综合办公室", "投资服务股", "考核统计股", "项目帮办股"),
    ),
    Institution(
        "司法局",
        ("2040601", "2040602", "2040604", "2040605", "2040607", "2040610"),
        ("法律援助", "人民调解", "普法宣传", "社区矫正", "公共法律服务"),
        ("办公室", "法治督察科", "普法与依法治理科", "社区矫正科", "公共法律服务管理科"),
    ),
    Institution(
        "人民法院",
        ("2040501", "2040502", "2040504", "2040599"),
        ("案件审判", "执行攻坚", "诉讼服务中心运行", "法庭建设"),
        ("办公室", "政治部", "立案庭", "刑事审判庭", "民事审判庭", "执行局"),
    ),
    Institution(
        "人民检察院",
        ("2040401", "2040402", "2040499"),
        ("检察业务", "公益诉讼", "信息化运维", "司法救助"),
        ("办公室", "政治部", "第一检察部", "第二检察部", "案件管理部"),
    ),
    Institution(
        "政协办公室",
        ("2010201", "2010202", "2010204", "2010205", "2010299"),
        ("政协会议", "委员视察", "文史资料编纂", "提案办理"),
        ("秘书科", "提案委员会办公室", "研究室", "行政处"),
    ),
    Institution(
        "人大常委会办公室",
        ("2010101", "2010102", "2010104", "2010108", "2010199"),
        ("人代会", "代表履职", "立法调研", "代表活动阵地"),
        ("秘书处", "研究室", "联络处", "法制工作室"),
    ),
    Institution(
        "人民政府办公室",
        ("2010301", "2010302", "2010303", "2010308", "2010350", "2010399"),
        ("政务服务", "信访接待", "机关后勤保障", "政务公开"),
        ("秘书科", "综合科", "督查室", "信访科", "机关事务科"),
    ),
    Institution(
        "财政局",
        ("2010601", "2010602", "2010607", "2010650"),
        ("预算绩效管理", "财政信息化", "国库集中支付", "会计监督"),
        ("办公室", "预算科", "国库科", "绩效管理科", "会计科"),
    ),
    Institution(
        "发展和改革委员会",
        ("2010401", "2010408", "2010499"),
        ("价格监测", "重点项目推进", "规划编制", "能源管理"),
        ("办公室", "规划科", "价格科", "项目管理科"),
    ),
    Institution(
        "人力资源和社会保障局",
        ("2080101", "2080199"),
        ("就业服务", "职业技能培训", "劳动保障监察", "人才引进"),
        ("办公室", "就业促进科", "劳动关系科", "人才开发科"),
    ),
    Institution(
        "民政局",
        ("2080201", "2080208", "2296002"),
        ("社区治理", "养老服务", "社会救助", "婚姻登记"),
        ("办公室", "社会救助科", "养老服务科", "基层政权建设科"),
    ),
    Institution(
        "卫生健康委员会",
        ("2100101", "2100717", "2100799", "2101199"),
        ("公共卫生", "计划生育服务", "健康促进", "卫生监督"),
        ("办公室", "医政医管科", "疾病预防控制科", "人口家庭科"),
    ),
    Institution(
        "文化和旅游局",
        ("2070101", "2070109", "2296003"),
        ("群众文化活动", "文物保护", "旅游推广", "公共图书馆运行"),
        ("办公室", "公共服务科", "文物科", "产业发展科"),
    ),
    Institution(
        "城市管理局",
        ("2120101", "2120104", "2120803"),
        ("城管执法", "市容整治", "环卫作业", "数字城管"),
        ("办公室", "执法科", "市容科", "环卫科"),
    ),
    Institution(
        "规划和自然资源局",
        ("2200101", "2200150", "2120801"),
        ("国土空间规划", "不动产登记", "土地储备", "地质灾害防治"),
        ("办公室", "规划科", "用途管制科", "不动产登记中心"),
    ),
    Institution(
        "应急管理局",
        ("2240101", "2240106"),
        ("安全生产监管", "应急演练", "防灾减灾宣传", "应急物资储备"),
        ("办公室", "安全生产监督管理科", "应急指挥中心", "防灾减灾科"),
    ),
    Institution(
        "农业农村局",
        ("2130101", "2130104"),
        ("农业技术推广", "农村人居环境", "动物防疫", "高标准农田"),
        ("办公室", "种植业科", "畜牧兽医科", "乡村振兴科"),
    ),
    Institution(
        "生态环境局",
        ("2110101", "2110199"),
        ("环境监测", "污染防治", "环境执法", "生态创建"),
        ("办公室", "环境监测站", "执法大队", "大气环境科"),
    ),
    Institution(
        "科学技术局",
        ("2060101", "2060199"),
        ("科技创新平台", "科技成果转化", "科普宣传", "高新技术企业培育"),
        ("办公室", "科技计划科", "成果转化科"),
    ),
    Institution(
        "教育局",
        ("2050101", "2050201", "2050202", "2050803"),
        ("教师培训", "学前教育补助", "校园安全", "教育信息化"),
        ("办公室", "基础教育科", "人事科", "计划财务科"),
    ),
    Institution(
        "纪律检查委员会",
        ("2011101", "2011102", "2011199"),
        ("监督执纪", "廉政教育", "巡察工作", "信息化建设"),
        ("办公室", "组织部", "宣传部", "案件审理室"),
    ),
    Institution(
        "委员会办公室",
        ("2013101", "2013102", "2013105", "2013150"),
        ("文稿起草", "督查督办", "机要保密", "档案管理"),
        ("秘书科", "综合科", "督查室", "机要科"),
    ),
    Institution(
        "街道办事处",
        ("2010301", "2080208", "2120101", "2130101"),
        ("社区服务", "网格化管理", "老旧小区综合治理", "为老服务"),
        ("党政办公室", "社区发展办公室", "平安办公室", "营商办"),
    ),
]

PROJECT_SUFFIXES = ["工作经费", "专项经费", "运行维护费", "专项资金", "项目经费", "补助经费"]
UNIT_SUFFIXES = ["服务中心", "事务中心", "信息中心", "管理所", "保障中心"]


@dataclass(frozen=True)
class Department:
    name: str
    region: str
    institution: Institution
    units: tuple[str, ...]  # the department itself and its subordinate units


def draw_department(rng: random.Random) -> Department:
    """A department name from a region and an institution, with 0-3 subordinate units."""
    region = rng.choice(REGIONS)
    inst = rng.choice(INSTITUTIONS)
    name = f"{region}{inst.name}"
    if inst.name == "街道办事处":
        name = f"{region}{rng.choice(['万里', '长寿', '石泉', '宜川', '甘泉', '曹杨'])}街道办事处"
    if inst.name == "委员会办公室":
        name = f"中共{region}委员会办公室"
    stem = inst.name.replace("办公室", "").replace("委员会", "")[:4]
    n_units = rng.choice([0, 0, 1, 2, 3])
    units = [name] + [f"{region}{stem}{s}" for s in rng.sample(UNIT_SUFFIXES, n_units)]
    return Department(name, region, inst, tuple(units))


def project_name(rng: random.Random, dept: Department, used: set[str]) -> str:
    """A project name from the department's topics, unique within the document."""
    for _ in range(20):
        name = rng.choice(dept.institution.topics) + rng.choice(PROJECT_SUFFIXES)
        if name not in used:
            used.add(name)
            return name
    name = f"{rng.choice(dept.institution.topics)}专项（{len(used) + 1}）"
    used.add(name)
    return name
