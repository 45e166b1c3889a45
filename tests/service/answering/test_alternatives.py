from __future__ import annotations

import pytest

from service.answering.alternatives import swapped_alternatives


@pytest.mark.parametrize(
    ("asked", "context", "swapped"),
    [
        ("寒假里的献血活动献了多少毫升血？", "暑假是意外伤害高发期,医院开展献血活动", ["寒假"]),
        ("暑假里的献血活动献了多少毫升血？", "暑假是意外伤害高发期,医院开展献血活动", []),
        ("全职引进了多少名专家？", "柔性引进院士、专家71人", ["全职"]),
        (
            "全职引进了多少名专家？",
            "引进院士、专家71人",
            [],
        ),  # no alternative named: left to the other checks
        ("获得金奖的有几件作品？", "3件作品获得金奖,5件获得银奖", []),
        # an alternative may have several names: 春天 is 春季
        ("春天的义诊有多少人参加？", "春季义诊共有300人参加", []),
        ("秋天的义诊有多少人参加？", "春季义诊共有300人参加", ["秋天"]),
        ("中秋节赠送了多少份月饼？", "端午节赠送中药香囊300份", ["中秋节"]),
        ("世界无烟日活动在哪里举行？", "世界卫生日宣传活动在广场举行", ["无烟日"]),
        ("那位男性患者多大年纪？", "李女士突然感觉胸痛", ["男性"]),
        ("李女士多大年纪？", "李女士突然感觉胸痛", []),
        ("每半年要开展一次什么活动？", "每月组织同伴教育;每季度开展科普义诊活动", ["每半年"]),
        ("每个月能领到多少育儿补助？", "生育二孩的给予一次性补助5000元", ["每个月"]),
        ("每月能领到多少育儿补助？", "每个月发放补助500元", []),  # 每月 is 每个月
        # a level is bound to what it qualifies
        (
            "对多少家县级健康促进创建医院开展了评审？",
            "对8家市级健康促进创建医院开展评审,县级医院另行安排",
            ["县级健康促"],
        ),
        ("对多少家市级健康促进创建医院开展了评审？", "对8家市级健康促进创建医院开展评审", []),
        (
            "建成了几个国家级临床重点专科？",
            "建成省级临床重点专科7个,国家级首批神经外科建设中心",
            ["国家级临床重"],
        ),
        (
            "建成了几个国家级临床重点专科？",
            "建成省级临床重点专科7个,国家临床重点专科2个",
            [],
        ),  # 国家 without 级
        (
            "建成了几个国家级临床重点专科？",
            "建成临床重点专科7个",
            [],
        ),  # no other level: left to the other checks
        # who serves, stages of motherhood, sectors and where a service goes are bound the same way
        ("累计提供医生上门服务多少次？", "累计提供护士上门服务3000余次", ["医生上门服"]),
        ("累计提供医生上门服务多少次？", "累计提供医生、护士上门服务3000余次", []),
        ("孕晚期产前筛查率达到了多少？", "孕早中期产前筛查率达到99%以上", ["孕晚期产前筛"]),
        ("给怀孕期间的女职工提供哪些政策？", "对哺乳期女职工推行弹性工作制", ["怀孕期间女职工"]),
        ("派出了多少名教育领域的专家？", "已派出270余名医疗领域专家", ["教育领域"]),
        ("组织了多少名党员到学校“双报到”？", "组织1066名党员到社区“双报到”", ["学校双报到"]),
        ("派了多少名医务人员到镇卫生院？", "派驻103名医护人员到12个卫生院", []),  # no class: a paraphrase
        # the article may drop 级 after a place: 河南省重点中医专科 is 省级
        (
            "哪个专业被评为国家级重点中医专科？",
            "妇科为国家临床重点专科,中医康复为河南省重点中医专科",
            ["国家级重点中"],
        ),
        ("哪个专业被评为省级重点中医专科？", "中医康复为河南省重点中医专科", []),
        # which way patients are referred, ranks of staff, who is treated
        ("向村卫生室下转了多少人次患者？", "各镇卫生院及村卫生室上转患者共计130余人次", ["下转"]),
        ("向上级医院上转了多少人次患者？", "上转患者130余人次,下转患者80人次", []),
        ("有多少名高层干部在集团备案？", "将医疗机构65名中层干部在医疗健康集团备案", ["高层干部在"]),
        (
            "由哪家医院承担危重症孕产妇的救治任务？",
            "明确由第一人民医院承担危重症新生儿救治任务",
            ["孕产妇救治任"],
        ),
        ("由哪家医院承担危重症孕产妇的救治任务？", "由妇幼保健院承担危重症孕产妇救治任务", []),
        ("新生儿视力筛查率达到了多少？", "新生儿听力筛查率达到99%以上", ["视力"]),
        # how far a first reaches
        (
            "全国首家泛血管疾病管理中心是哪天开诊的？",
            "泛血管疾病管理中心开诊,这也是全市首家泛血管疾病管理中心",
            ["全国首家泛"],
        ),
        ("全市首家泛血管疾病管理中心是哪天开诊的？", "这也是全市首家泛血管疾病管理中心,全国共有30家", []),
        # a place of another level qualifying the same thing (an aside inside the name is skipped)
        (
            "哪些专业被列为河南省临床医学研究中心？",
            "妇产生殖等为洛阳市临床医学(诊疗)研究中心",
            ["河南省临床医学"],
        ),
        ("哪些专业被列为洛阳市临床医学研究中心？", "妇产生殖等为洛阳市临床医学(诊疗)研究中心", []),
        (
            "哪些专业被列为河南省临床医学研究中心？",
            "心内科为河南省临床医学研究中心,眼科为洛阳市临床医学研究中心",
            [],
        ),
        ("洛阳市中心医院有多少名医生？", "市中心医院有医生800名", []),  # no other place qualifies it
        # grades of professional title
        ("医院现有中级职称人员多少人？", "医院现有正高级职称人员125人,副高级职称人员243人", ["中级职称人"]),
        ("医院现有副高级职称人员多少人？", "医院现有正高级职称人员125人,副高级职称人员243人", []),
    ],
)
def test_swapped_alternatives(asked: str, context: str, swapped: list[str]) -> None:
    assert swapped_alternatives(asked, context) == swapped


def test_what_a_free_clinic_measures_is_an_alternative() -> None:
    context = "图为贵阳市妇幼保健院医护人员在为市民测量血压。"
    assert swapped_alternatives("为市民测量血糖的是哪家医院的医护人员？", context) == ["血糖"]
    assert swapped_alternatives("为市民测量血压的是哪家医院的医护人员？", context) == []


def test_award_grades_are_alternatives() -> None:
    context = "经过激烈角逐,3件作品获得金奖;6件作品获得银奖;12件作品获得铜奖。"
    assert swapped_alternatives("有多少件作品获得了优秀奖？", context) == ["优秀奖"]
    assert swapped_alternatives("有多少件作品获得了银奖？", context) == []
    assert swapped_alternatives("获得二等奖的有几件？", "共评出一等奖3名、三等奖10名") == ["二等奖"]


def test_a_hospitals_gates_are_alternatives() -> None:
    context = "完成医院南门门诊楼室内装修,实施了门诊楼改扩建工程"
    assert swapped_alternatives("医院对北门门诊楼做了什么？", context) == ["北门"]
    assert swapped_alternatives("医院对南门门诊楼做了什么？", context) == []


def test_limbs_sides_and_eyes_are_alternatives() -> None:
    context = "我们为患者测量双上肢血压后,发现血压明显升高,且左右不一样。"
    assert swapped_alternatives("医生测量双下肢血压后发现了什么？", context) == ["下肢"]
    assert swapped_alternatives("医生测量双上肢血压后发现了什么？", context) == []
    assert swapped_alternatives("患者哪只眼睛视物模糊，是右眼吗？", "患者左眼视物模糊") == ["右眼"]


def test_a_staff_title_in_another_department_is_a_swap() -> None:
    article = "急诊医学科主任路俊锋和急诊医学科护士长秦彩丽以《知己知彼远离流感》为题畅谈。"
    assert swapped_alternatives("和路俊锋一起主讲的儿科护士长叫什么名字？", article) == ["儿科护士长"]
    # the article's department said shorter, or no department asked
    assert swapped_alternatives("和路俊锋一起主讲的急诊科护士长叫什么名字？", article) == []
    assert swapped_alternatives("和路俊锋一起主讲的护士长叫什么名字？", article) == []


def test_a_compass_point_of_a_place_or_a_ring_road_is_exclusive() -> None:
    article = "项目建成投产后，承担济宁市东部城区供热面积达2300万平方米。项城市西环路建设投资6.78亿元。"
    assert swapped_alternatives("项目将承担济宁市西部城区多大的供热面积？", article) == ["西部城区"]
    assert swapped_alternatives("项城市东环路建设项目的投资是多少？", article) == ["东环路"]
    assert swapped_alternatives("项目承担济宁市东部城区多大的供热面积？", article) == []
