"""new_answer_entity: does a sentence hold an item of the asked kind that the question lacks?"""

from __future__ import annotations

import pytest

from service.answering.features import new_answer_entity
from tests.service.answering.helpers import question


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("为确保临床用血充足,医院开展无偿献血活动。", True),
        ("我由于脑血管病，需要经常住院。", True),
        ("近日,在医院得到救助的小凉山出院了。", False),  # says what happened, not why
        ("因此,他恳请医院能够继续订购此药。", False),  # a consequence, not a cause
        ("图:医疗中心以上图片来源于网络", False),  # a source, not a cause
        ("这种病源于长期熬夜。", True),
    ],
)
def test_reasons(sentence: str, expected: bool) -> None:
    assert new_answer_entity(question("为什么要这样做？"), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # the hospital an English question names in pinyin is no answer to "which hospital"…
        (
            "Which hospital called Jingdezhen Maternal and Child Health Hospital for help?",
            "江西省景德镇市妇幼保健院新生儿科接诊。",
            False,
        ),
        ("Which hospital treated the Jingdezhen newborn?", "新生儿由南昌大学第一附属医院接诊。", True),
        # …but a hospital of the city it names is
        (
            "At which hospital did Jiaozuo's contestants take the skill tests?",
            "在焦作市人民医院,参赛选手进行技能操作。",
            True,
        ),
        # 另一家医院 names no hospital
        ("哪家医院打来了求助电话？", "新生儿科接到当地另一家医院打来的求助电话。", False),
        (
            "诊断报告由哪家医院出具？",
            "12个镇卫生院服务能力全部达到国家基本标准。",
            False,
        ),  # counted, not named
        ("诊断报告由哪家医院出具？", "在卫生院检查，由市人民医院影像中心出诊断报告。", True),
        # an alliance, whose name may hold letters
        (
            "医院在哪个专门针对结直肠癌的诊疗联盟里担任副主席单位？",
            "医院获评“中华结直肠癌MDT联盟副主席单位”。",
            True,
        ),
        # the bodies of news on other topics: a court (by its short name too), a company
        ("网店经营者被哪家法院判决承担赔偿责任？", "他被杭州铁路运输法院判处承担民事赔偿责任。", True),
        ("这起纠纷是哪家法院审理的？", "武汉市中院审理认为，营业厅防范不到位。", True),
        ("这起纠纷是哪家法院审理的？", "营业厅对临时身份证防范不到位。", False),
        ("哪家公司收购了这家工厂？", "工厂被杭州星辰科技有限公司收购。", True),
    ],
)
def test_organisations(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("经检查,这名新生儿患有气胸、新生儿肺炎等多种疾病。", True),
        ("转至总院后确诊为急性心肌梗死。", True),
        ("卫生院立即为患者做心电图检查,将检查结果上传至总院诊断。", False),
        ("真正打通了基层慢性病管理、疾病预防控制的服务网络。", False),  # kinds of disease, no diagnosis
    ],
)
def test_diseases(sentence: str, expected: bool) -> None:
    assert new_answer_entity(question("患者转到总院后被确诊为什么病？"), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        ("房山那位老人想让卫生院买什么药？", "一位85岁的白内障患者恳切地请求医院进购明珠明目滴眼液。", True),
        ("What eye drops did the old man in Fangshan ask for?", "请求医院进购明珠明目滴眼液。", True),
        # the sentence around the medicine, which names none
        ("房山那位老人想让卫生院买什么药？", "韩村河镇中心卫生院药房收到一封匿名手写信。", False),
        ("房山那位老人想让卫生院买什么药？", "卫生院已不再销售此药,只能到市里购买滴眼液。", False),  # no name
        # a generic name says its class by its ending: 奥美拉唑, 阿托伐他汀; a person's 李芬 is none
        ("护士长吞了什么药又回去值班？", "她吞了两粒奥美拉唑又回去值班。", True),
        ("医生让他长期吃什么药？", "医生让他长期服用阿托伐他汀钙片。", True),
        ("护士长吞了什么药又回去值班？", "护士长李芬又回去值班。", False),
    ],
)
def test_medicines(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        ("全市共有多少名家庭医生？", "全市共有家庭医生1200名。", True),
        ("全市共有多少名家庭医生？", "一名家庭医生正在随访。", False),  # one person is not a head count
        ("义诊在哪一天举行？", "义诊于12月9日在市区举行。", True),
        ("义诊在哪一天举行？", "2023年义诊在市区举行。", False),  # a year is not a day
        # from which day: the day something starts, not the day its notice came
        ("客运中心从哪天开始停业整改？", "客运中心自2018年3月31日起停业整顿。", True),
        ("客运中心从哪天开始停业整改？", "3月23日，公司收到停业整顿的通知。", False),
        ("从哪一天开始发放补助？", "9月10日，全市开始发放育儿补助。", True),
        # until when: the day something lasted to, not the day it began
        ("物业义务清运垃圾，一直坚持到了什么时候？", "这样的义务劳动延续到了10月下旬。", True),
        ("物业义务清运垃圾，一直坚持到了什么时候？", "今年9月中下旬，物业开始清运垃圾。", False),
        ("专项整治计划进行到哪天结束？", "本次专项整治行动将持续到12月18日。", True),
        ("专项整治计划进行到哪天结束？", "我县于11月8日开始开展环境综合整治月活动。", False),
        ("整治活动什么时候结束？", "整治活动于12月18日结束。", True),
        # a year may head a name with no 年 after it; a count of 2190 beds is no year
        ("那次学术会议是哪一年的会？", "李勤英参加了2025中国研究型医院学会学术会议。", True),
        ("那次学术会议是哪一年的会？", "完成总托位数目标2190个。", False),
        ("那次学术会议是哪一年的会？", "学会参会人数达2020.5人次。", False),
        ("那次学术会议是哪一年的会？", "定额支付1000元~2000元的费用。", False),  # a sum, not a year
        ("那次学术会议是哪一年的会？", "共有2000余名会员参会。", False),
        # a total sum wants an amount of money, a weight a weight, an age an age: not any number
        ("项目总投资是多少？", "项目总投资1.2亿元，设床位500张。", True),
        ("项目总投资是多少？", "项目设床位500张，2023年投入使用。", False),
        ("这名新生儿的出生体重是多少？", "患儿出生时体重仅1600克。", True),
        ("这名新生儿的出生体重是多少？", "患儿出生15天后转入新生儿科。", False),
        ("What was the newborn's birth weight?", "患儿出生时体重仅1.6kg。", True),
        ("老人今年多大年纪？", "今年85岁的老人康复出院。", True),
        ("老人今年多大年纪？", "老人住院治疗了12天。", False),
        # 个 stands in for a classifier, beside the counted noun only
        ("济源示范区目前一共开了多少间名医工作室？", "先后设立夜间门诊22个、名医工作室 15 个。", True),
        ("洛阳市中心医院目前有多少张床位？", "医院有2个国家临床重点专科，床位充足。", False),
        # 几年的期限 is a period of years, not a count of 期限
        ("给中心定了几年的建成期限？", "力争5年内，建成国家呼吸疾病区域医疗中心。", True),
        # a year has four digits; 3年 is a duration
        ("When did the medical team arrive?", "医疗队为母亲解决了影响她3年的视物模糊问题。", False),
        ("When did the medical team arrive?", "2021年医疗队抵达吉布提。", True),
        # the digits of a date, and 一次性, are no count
        ("How many public places did the institute inspect?", "12月18日~22日，监督所检查了公共场所。", False),
        ("How many public places did the institute inspect?", "监督所检查了公共场所86家。", True),
        ("How many items were checked?", "禁止重复使用一次性用品用具。", False),
        # 六大分会场 counts six of them with no classifier; 一大批 is no count
        ("会议一共开设了多少个分会场？", "大会设置了六大分会场,涵盖肝脏多学科。", True),
        ("会议一共开设了多少个分会场？", "一大批专家参会。", False),
        # an English count of people wants those people, not any head count
        ("How many specialists took part in the clinic?", "多学科联合义诊为百余名患者答疑解惑。", False),
        ("How many specialists took part in the clinic?", "近20名专家参加了联合义诊。", True),
        # a speed, a length, a magnitude: a figure in their units, not any number
        ("司机当时开到了多快？", "经测算，事发时车速是109公里/小时。", True),
        ("司机当时开到了多快？", "司机史某某当时载着3名乘客。", False),
        ("改建后的公路全长是多少？", "路线全长16千米，设计速度60公里/小时。", True),
        ("最强的一次余震有多大？", "截至目前共记录到余震8次，最大余震为1.9级。", True),
        ("最强的一次余震有多大？", "截至目前共记录到余震8次。", False),
        # a distance to a place: the figure beside that place, not the distances to others
        ("震中距离白城市有多少公里？", "震中距宁江区14公里、距肇源县40公里，距长春市161公里。", False),
        ("震中距离白城市有多少公里？", "震中距宁江区14公里，距白城市120公里。", True),
        ("医院距离市区有多少公里？", "医院距离市区约20公里。", True),
        # 公里 and 千米 are one unit, as are 公斤 and 千克
        ("改建后的公路有几公里长？", "路线全长16千米。", True),
        # a whole length: the figure said to be its length, not another distance in the sentence
        ("改建后的公路有几公里长？", "下一步将进行两公里的双黄线标注。", False),
        ("文化长廊全长多少米？", "文化长廊长约200米，展示中医药文化。", True),
        ("那个西瓜有几公斤？", "西瓜重8千克。", True),
        # a magnitude is given in figures: 三级应急响应 is a level of response
        ("小震里最强的一次有多大？", "震后，省地震局立即启动三级应急响应。", False),
        ("What magnitude was the strongest aftershock?", "最大余震为1.9级。", True),
    ],
)
def test_numbers_and_dates(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("从分院接诊到总院入院治疗用时不到一个小时，患者康复出院。", True),
        ("手术历时5个多小时，非常成功。", True),
        ("患者住院治疗了12天。", True),
        ("今年5月，卫生院接诊了一名突发胸痛的患者。", False),  # a month is a date, not a duration
        ("2023年，卫生院接诊了一名患者。", False),  # a four-digit year is a date
        ("解决了影响她3年的视物模糊问题。", True),  # a count of years is a duration
        ("省级每年、市(地)每半年开展一次监测评价。", True),  # 半年
    ],
)
def test_durations(sentence: str, expected: bool) -> None:
    asked = question("病人从分院到住进总院一共花了多久？")
    assert asked.answer_type == "number"
    assert new_answer_entity(asked, sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        ("老人用这种眼药水有多长时间了？", "老人多年来一直使用明珠明目滴眼液。", True),
        ("老人用这种眼药水有多长时间了？", "老人一直使用明珠明目滴眼液。", False),
        # a bound is a figure: 多年 is no answer to how short it was made
        ("骨科把术前准备时间压到了多久以内？", "经过多年的实践积累,形成了一套管理体系。", False),
        ("骨科把术前准备时间压到了多久以内？", "将术前准备时间缩短至36小时内。", True),
    ],
)
def test_how_long_so_far_may_be_answered_by_many_years(asked: str, sentence: str, expected: bool) -> None:
    assert question(asked).answer_type == "number"
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("补助分为两类:二孩家庭和三孩家庭。", True),
        ("补助共有3种。", True),
        ("补助一次性发放。", False),
    ],
)
def test_kinds_are_counted_by_zhong_or_lei(sentence: str, expected: bool) -> None:
    assert new_answer_entity(question("杭州发放的生育补助一共分成几种类型？"), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        ("减免比例是多少？", "该行动计划共10项,包括成立癌症患者关爱组织。", False),  # a count is no share
        ("化解率达到了多少？", "已化解82件,化解率达77.3%。", True),
        ("筛查率达到了多少？", "新生儿听力筛查率达九成以上。", True),
        ("有多大比例的县建成了医共体？", "百分之九十的县建成县域医共体。", True),
    ],
)
def test_a_rate_is_answered_by_a_share(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # an address is a street and a number, not the city around it
        ("孟津区中医院的地址在哪里？", "孟津区中医院位于洛阳市孟津区。", False),
        ("孟津区中医院的地址在哪里？", "医院位于孟津区会盟路16号。", True),
        # a telephone number has five digits or more
        ("鹤壁市心理援助热线电话是多少？", "开通市12356心理援助热线电话。", True),
        ("洛阳市中心医院的电话是多少？", "医院现有床位2300张,职工3000人。", False),  # no numbers to call
        ("What is the phone number of Luoyang Central Hospital?", "医院开放床位230张。", False),
    ],
)
def test_an_address_or_a_phone_number(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


def test_a_leading_or_higher_hospital_is_no_hospital_name() -> None:
    asked = question("两个医疗健康集团分别由哪家医院牵头？")
    assert not new_answer_entity(asked, "强化医疗健康集团牵头医院对基层医疗人才的帮扶。")
    assert new_answer_entity(asked, "济源市人民医院牵头组建第一医疗健康集团。")


@pytest.mark.parametrize(
    ("asked", "sentence"),
    [
        ("给市民量血压的是哪家医院的医护人员？", "贵阳市妇幼保健院的医护人员为市民测量血压。"),
        ("灵宝市哪个部门负责发放奖励扶助资金？", "奖励扶助资金由财政部门按时足额发放。"),
        ("那辆120救护车是从哪里派来的？", "直接派基层急救站的120救护车将患者送到总医院。"),
    ],
)
def test_maternity_hospitals_departments_and_first_aid_stations_are_answers(
    asked: str, sentence: str
) -> None:
    assert new_answer_entity(question(asked), sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("被刺伤的是骨科医生张某。", True),
        ("心血管内科主任张某被刺伤。", True),  # 内科 of the tagger's 内科主任
        ("一名医生在坐诊期间被人持刀刺伤。", False),
        ("该院加强重点学科建设。", False),  # a field of study is no department
        # a 科室 is a 科, a 室 or a 中心: not the outpatient building, nor the hospital
        ("在武汉市第一医院门诊部四楼，医生张某被连捅数刀。", False),
        ("被刺伤的是武汉市第一医院胸痛中心的张某。", True),
        ("会诊专家来自该院心内科、血管介入外科、心胸外科。", True),
    ],
)
def test_which_department_wants_a_department(sentence: str, expected: bool) -> None:
    asked = question("被持刀刺伤的张医生是哪个科室的医生？")
    assert asked.answer_type == "org"
    assert question("中心把哪些科室的专家聚到了一起？").answer_type == "other"  # a list, of any words
    english = question("In Harbin, which department does the doctor work in?")
    assert new_answer_entity(english, "他是血管外科的李士勇。")
    assert not new_answer_entity(english, "他是一位好医生。")
    assert new_answer_entity(asked, sentence) is expected


def test_a_day_of_the_lunar_calendar_is_a_date() -> None:
    asked = question("王女士是从农历哪天开始连续猛吃车厘子的？")
    assert new_answer_entity(asked, "王女士自己从腊月28开始连着5天吃了6斤车厘子。")
    assert new_answer_entity(asked, "她从正月初一起每天都吃。")
    assert not new_answer_entity(asked, "王女士连着几天吃了6斤车厘子。")


def test_when_may_be_answered_by_a_moment_named_by_an_event() -> None:
    asked = question("骨科从什么时候开始全面评估高龄病人的心肺功能？")
    assert new_answer_entity(asked, "该科自患者入院起即全面评估心功能、肺功能。")
    assert not new_answer_entity(asked, "该科全面评估心功能、肺功能。")
    assert new_answer_entity(
        question("医院是从什么时候起聚焦学党史、办实事的？"), "自开展党史学习教育以来,医院聚焦办实事。"
    )
    # a question for a year or a day still wants one
    assert not new_answer_entity(
        question("骨科是哪一年开始评估心肺功能的？"), "该科自患者入院起即全面评估心功能。"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("几个月前,史大姐的父亲在区中心医院做了心脏介入手术。", True),
        ("3天前,史大姐的父亲在区中心医院做了心脏介入手术。", True),
        ("去年,“上海儿童医学中心—洛阳市中心医院定点合作中心”揭牌。", True),
        ("今年以来,该院共完成心脏介入手术200余例。", True),
        ("史大姐的父亲在区中心医院做了心脏介入手术。", False),
        ("今年的手术量又创新高。", False),  # 今年 alone sets no moment
        ("术前,多学科专家对患者病情进行会诊与评估。", True),  # a moment named by an event
        ("出院时,史大姐的父亲向医护人员连声道谢。", True),
        ("院方第一时间为史大姐的父亲安排了手术。", True),
        # news dates most stories by a word for the recent past
        ("近日,史大姐的父亲在区中心医院做了心脏介入手术。", True),
        ("日前,史大姐的父亲在区中心医院做了心脏介入手术。", True),
        ("史大姐的父亲近期在区中心医院做了心脏介入手术。", True),
        ("如今,史大姐的父亲已能下地散步。", False),  # 如今 sums a story up more often than it dates it
        ("如今,两地间已建成跨省的远程会诊平台。", True),  # unless it dates what has been achieved by now
        ("连日来,史大姐的父亲在区中心医院接受治疗。", True),
        ("完善检查的同时,医生为史大姐的父亲安排了手术。", True),  # a moment named by another action
        # a clause of time: during, in the course of, after
        ("对口帮扶期间,医生为史大姐的父亲安排了手术。", True),
        ("在诊疗过程中,医生为史大姐的父亲安排了手术。", True),
        ("被送到病房后,史大姐的父亲做了心脏介入手术。", True),
        ("院长看信后,立即为史大姐的父亲安排了手术。", True),
        ("史大姐的父亲在区中心医院后楼做了心脏介入手术。", False),  # 后 inside a name, no clause
        ("与此同时,医生为史大姐的父亲安排了手术。", False),  # "meanwhile" sets no moment
        ("医生先做了检查然后,为史大姐的父亲安排了手术。", False),
    ],
)
def test_when_may_be_answered_by_a_time_relative_to_now(sentence: str, expected: bool) -> None:
    asked = question("史大姐的父亲是什么时候在区中心医院做的心脏介入手术？")
    assert asked.answer_type == "date"
    assert new_answer_entity(asked, sentence) is expected


def test_a_count_is_no_phone_number_and_a_dynasty_answers_which_dynasty() -> None:
    phone = question("What is the phone number of the hospital's referral line?")
    assert not new_answer_entity(phone, "煎制12000余剂中药汤剂,免费发放。")
    assert new_answer_entity(phone, "转诊热线027-68889999全天开通。")
    dynasty = question("函谷关最早是在哪个朝代修建的？")
    assert new_answer_entity(dynasty, "函谷关始建于春秋时期的秦国。")
    assert not new_answer_entity(dynasty, "在沿黄公路函谷关镇老城村段制作宣传标牌。")


def test_weekdays_floors_and_makers_are_what_those_questions_ask() -> None:
    asked = question("管理中心每周哪几天开诊？")
    assert new_answer_entity(asked, "管理中心每周二、周四全天开诊。")
    assert not new_answer_entity(asked, "4月18日,管理中心开诊。")  # a date is no day of the week
    asked = question("社会救助窗口设在医院哪栋楼的哪一层？")
    assert asked.answer_type == "place"
    assert new_answer_entity(asked, "救助窗口设在门诊楼一层。")
    assert not new_answer_entity(asked, "医院设立全国首个医疗机构社会救助窗口。")
    asked = question("老人用的那种滴眼液是哪家药厂生产的？")
    assert new_answer_entity(asked, "该滴眼液由某某制药厂生产。")
    assert not new_answer_entity(asked, "韩村河镇中心卫生院已不再销售此药。")  # a seller, no maker


def test_whose_may_be_answered_by_a_scope() -> None:
    asked = question("济源推进资源下沉、信息共享，是想让哪里的医疗资源均衡起来？")
    assert asked.answer_type == "place"
    assert new_answer_entity(asked, "推进医共体内资源下沉,实现城乡医疗资源均衡发展。")
    assert not new_answer_entity(asked, "推进医疗资源信息共享、医疗业务上下联动。")


def test_in_what_year_wants_a_year() -> None:
    asked = question("In what year was Tianjin First Central Hospital founded?")
    assert not new_answer_entity(asked, "4月18日,天津市第一中心医院泛血管疾病管理中心开诊。")
    assert new_answer_entity(asked, "天津市第一中心医院始建于1949年。")


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # a year of the asked event, said in its own words or another's for the same event
        ("孟津区中医院始建于哪一年？", "孟津区中医院始建于1958年。", True),
        ("孟津区中医院始建于哪一年？", "2020年上半年,孟津区中医院排名全国第七。", False),
        ("睡眠中心是哪一年建成的？", "2019年,医院睡眠中心落成并投入使用。", True),
        ("睡眠中心是哪一年建成的？", "自2018年以来,医院连续4年蝉联省内三甲医院前五名。", False),
        (
            "同伴支持项目是哪一年启动的？",
            "2022年重庆市启动精神健康同伴支持项目。",
            True,
        ),  # no event of the list
        ("医共体是哪一年组建的？", "2021年,该县成立医共体。", True),
        ("国家卫生健康委员会是哪一年组建的？", "2023年,国家卫生健康委办公厅印发了服务举措。", False),
    ],
)
def test_which_year_of_an_event_wants_a_sentence_saying_it(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # a university or college, even inside a hospital's name; a party school running a class is none
        (
            "江西省肿瘤医院同时是哪所医学院的附属医院？",
            "江西省肿瘤医院(南昌医学院第二附属医院)启动关爱行动计划。",
            True,
        ),
        ("医院党委连续4年和哪所高校合办人才培训班？", "连续4年与党校合办高层次人才培训班。", False),
        ("医院党委连续4年和哪所高校合办人才培训班？", "连续4年与贵州医科大学合办高层次人才培训班。", True),
    ],
)
def test_which_school_wants_a_university_or_college(asked: str, sentence: str, expected: bool) -> None:
    assert question(asked).answer_type == "org"
    assert new_answer_entity(question(asked), sentence) is expected
