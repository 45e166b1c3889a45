"""specifics: what a question names, which the cited article must name too; mentioned: does it."""

from __future__ import annotations

from service.answering.mentions import mentioned
from service.answering.specifics import specifics


def test_specifics_are_places_roles_and_numbers_not_tagger_guesses() -> None:
    # the counted thing's modifier (医疗 of 医疗纠纷案件) is one too
    assert specifics("安阳市截至9月底共受理多少件医疗纠纷案件？") == ("安阳市", "安阳", "医疗")
    assert "院长" in specifics("孟津区中医院的院长是谁？")
    assert "恒口" in specifics("恒口示范区医共体建设总投资多少万元？")
    assert "2023" in specifics("灵宝市2023年全年出生人口是多少？")
    # the segmenter tags these as names or places; they are not
    for text in (
        "洛阳市中心医院救治的那个早产宝宝当时有多重？",
        "帮助多少名患者重新上岗？",
        "鹤壁全市一共组建了多少个单元？",
    ):
        assert not {"宝宝", "上岗", "壁全"} & set(specifics(text))


def test_a_city_or_county_the_gazetteer_does_not_know_is_a_specific_too() -> None:
    assert specifics("江川市人民医院儿童病房共设置了多少张床位？") == ("江川市",)  # made up: 江川|市
    assert specifics("纽约市有多少家医院？") == ("纽约市",)  # abroad
    assert specifics("全市共有多少家医院？") == ()
    assert specifics("城区有几家医院？") == ()  # 区: a part of a city, no place name


def test_districts_and_editions_are_specifics_but_common_nouns_ending_in_qu_are_not() -> None:
    assert "汉滨" in specifics("汉滨区的居民在家门口能享受什么服务？")
    assert "偃师" in specifics("偃师区中医院在全国排名第几？")
    assert "第四届" in specifics("焦作市第四届家庭医生团队技能竞赛有多少人参赛？")
    assert "第29个" in specifics("第29个全国肿瘤防治宣传周的主题是什么？")
    assert specifics("全市三个病区共有多少张床？") == ()
    # no district 社区 or 区域; a centre's name is a specific of its own
    assert specifics("社区卫生服务中心有几家？") == ("社区卫生服务中心",)
    assert specifics("区域医疗中心建在哪里？") == ("区域医疗中心",)


def test_a_role_is_not_its_deputy() -> None:
    assert not mentioned("县长", "西华县人民政府副县长张翠霞说")
    assert mentioned("副县长", "西华县人民政府副县长张翠霞说")
    assert mentioned("院长", "卫生院院长李文文说道")
    assert "副县长" in specifics("点评创建成果的副县长是谁？")


def test_the_person_in_charge_is_no_title_the_article_must_use() -> None:
    # a reader calls whoever is quoted 负责人, whatever the article titles them (主任, 局长…)
    assert "负责人" not in specifics("济源卫健委负责人说，多数病人在什么范围内就能把病看好？")
    assert "主任" in specifics("济源卫健委主任说，多数病人在什么范围内就能把病看好？")


def test_codes_of_a_figure_and_letters_are_specifics() -> None:
    found = specifics("参与5S管理推广工作的科室有多少个？")
    assert "5s" in found
    assert not mentioned("5s", "参与6s管理推广工作的34个科室")


def test_a_long_title_is_a_specific() -> None:
    assert "杭州市托育补助实施办法(试行)" in specifics(
        "按照《杭州市托育补助实施办法（试行）》，能领多少补助？"
    )


def test_departments_awards_and_diseases_are_specifics() -> None:
    assert "肾内科" in specifics("天津市第一中心医院肾内科的主任是谁？")
    assert not any("科" in s for s in specifics("洛阳市中心医院哪个科室是国家级重点专科？"))
    assert "最佳创意奖" in specifics("健康科普能力大赛有几件作品获得了最佳创意奖？")
    assert "乳腺" in specifics("超声介入科为乳腺肿瘤研究提供的数据合格率有多高？")
    assert "糖尿病" in specifics("社区为多少名糖尿病患者建了档案？")
    assert "神经外科" in specifics("郑大二附院神经外科有几个病区？")
    assert "b型" in specifics("登封市总医院救治的那位B型主动脉夹层患者是哪天出院的？")
    assert "骨伤科" in specifics("孟津区中医院的骨伤科是哪一级的重点专科？")
    assert "周末" in specifics("济源示范区先后设立了多少个周末门诊？")  # not the article's 夜间门诊
    assert "患慢" not in specifics("为了专门照顾长期患慢病的人，建了一个什么服务机构？")  # a bare 病
    # 多学科 is "multidisciplinary", and 那场 points back: neither names a department
    assert not any("科" in s for s in specifics("北京天坛医院那场肿瘤多学科联合义诊是在哪个时段举行的？"))
    assert "肿瘤内科" in specifics("北京天坛医院肿瘤内科的主任是谁？")


def test_centres_the_tagger_splits_apart_but_not_multi_centre_studies() -> None:
    assert "卒中中心" in specifics("在全国基层卒中中心质量控制排名中，孟津区中医院排第几？")
    assert not any(
        s.endswith("多中心") for s in specifics("超声介入科交给多中心研究的数据，合格的比例有多高？")
    )
    # an ordinal item of a slogan runs into the verb after it: 第一强 of 四强, no 第一强要
    assert not any(
        s.startswith("第一") for s in specifics("做实“四强”，其中第一强要在公立医院里强化哪一项制度？")
    )
    # 党委中心组 is the Party committee's study group, no centre
    assert not any("中心" in s for s in specifics("医院党委抓中心组学习，是想形成什么样的格局？"))


def test_a_centre_named_after_a_locality_keeps_it_but_not_a_city() -> None:
    assert "南门客运中心" in specifics("成都新南门客运中心被交委责令从哪天起停业整顿？")
    assert not any(s.startswith("洛阳") and s.endswith("中心") for s in specifics("洛阳市急救中心有几辆车？"))


def test_which_city_names_no_place() -> None:
    assert not {"城市", "个城"} & set(specifics("湖北省中医院的医联体成员还有来自哪个城市的？"))


def test_rates_quotes_and_ordinals_are_specifics() -> None:
    assert "回访率" in specifics("2023年度北京市卫生健康系统接诉即办的回访率是多少？")
    assert "感染率" in specifics("UBE技术让术后感染率降低了多少？")
    assert "法治副校长" in specifics("鹤壁市为多少所幼儿园配上了“法治副校长”？")
    assert "第一医疗" in specifics("孟津区第一医疗卫生共同体的牵头单位是哪家医院？")
    # editions, counts and numbered hospitals are read elsewhere; an ordinal says nothing more here
    found = specifics("山西医疗队做的第一例白内障手术和第二批试点分别在哪里？")
    assert not {"第一例白", "第二批试"} & set(found)
    assert not any(s.startswith("第一附") for s in specifics("西安交通大学第一附属医院在哪里？"))
    # a week or a month counted from an event (开诊第一周) is a time, like 第一天, not a name
    assert not any(
        s.startswith(("第一周", "第三月")) for s in specifics("开诊第一周共接诊多少人次？第三月呢？")
    )


def test_an_urban_district_is_no_place() -> None:
    assert "城区" not in specifics("社区医联体单位分布在武汉市哪几个城区？")


def test_a_place_before_a_suffix_must_be_in_the_gazetteer_unless_a_demonstration_zone() -> None:
    assert "住宅" not in specifics("灵宝市提出在什么样的住宅区改造中配套建设托育空间？")
    assert "会由" not in specifics("项目的总结交流会由市卫健委主办，具体是哪两家单位承办的？")
    assert "汉滨" in specifics("汉滨区的居民在家门口能享受什么服务？")
    assert "恒口" in specifics("恒口示范区医共体建设总投资多少万元？")


def test_a_hospital_follows_a_place_only_when_the_gazetteer_knows_it() -> None:
    # 哪家省|级… and 多少家县|级… name no place, so no hospital after one
    assert not any("专科医院" in s for s in specifics("孟津区中医院是哪家省级肿瘤专科医院的协作医院？"))
    assert not any("创建医院" in s for s in specifics("对多少家县级健康促进创建医院开展了现场评审？"))
    assert "第一人民医院" in specifics("洛阳市第一人民医院的院长是谁？")
    # a body between the place and 医院 ends the name: no "卫健委做…医院" for the article to lack
    assert not any("卫健委" in s for s in specifics("濮阳市卫健委做健康促进医院评审时抽调了谁？"))
    # nor is a verb the start of one: 鹤壁要求医院… requires hospitals to
    assert not any("医院" in s for s in specifics("鹤壁要求医院建立的投诉管理机制一共分几级？"))
    assert "同济医院" in specifics("武汉同济医院有几个院区？")
    # 当地医院: the place's hospitals in general, which the article may call 当地医疗机构
    assert not any("医院" in s for s in specifics("援疆医生结合喀什当地医院的实际开展了什么工作？"))


def test_a_symptom_of_a_body_part_is_a_specific() -> None:
    assert "头痛" in specifics("专家提醒，持续头痛时要警惕哪种病？")  # not the article's 胸痛
    assert not any("痛" in s for s in specifics("剧烈疼痛时应该怎么办？"))


def test_a_named_line_or_venue_is_a_specific() -> None:
    assert "戒烟咨询热线" in specifics("鹤壁市开通的戒烟咨询热线号码是多少？")
    assert "焦裕禄纪念园" in specifics("党员干部到焦裕禄纪念园开展了什么活动？")
    assert "市长热线" in specifics("鹤壁市民打市长热线反映的问题解决了多少件？")
    assert not any("热线" in s for s in specifics("哪条热线能咨询心理问题？"))
    # 专人专线: a dedicated person and line, no named line
    assert not any(
        "专线" in s for s in specifics("湖北省中医院安排专人专线做转诊以后，病人在哪些环节能走绿色通道？")
    )


def test_a_hospital_named_by_its_place_must_be_that_places() -> None:
    assert "黔西南州人民医院" in specifics("黔西南州人民医院现有多少名硕士研究生导师？")
    assert "孟津区中医院" in specifics("孟津区中医院的院长是谁？")
    assert not mentioned("黔西南州人民医院", "兴义市人民医院现有硕士研究生导师34人,黔西南州州管专家5人")
    assert mentioned("濮阳人民医院", "濮阳市人民医院超声科")  # the place's short form
    assert not any("人民医院" in s for s in specifics("哪家人民医院有硕士研究生导师？"))


def test_an_award_after_huoping_and_a_quoted_title() -> None:
    assert "优秀组织奖" in specifics("获评优秀组织奖的单位有几个？")
    assert "评优秀组织奖" not in specifics("获评优秀组织奖的单位有几个？")
    assert "三国演义" in specifics("《三国演义》的作者是谁？")
    # a society is not cut out by its suffix: 院骨科联合志愿者协会 would be no name at all
    assert not any(s.endswith("协会") for s in specifics("郑大二附院骨科联合志愿者协会怎样帮助病人？"))


def test_a_discipline_a_verb_acts_on_is_no_department() -> None:
    asked = specifics("兴义市人民医院推动学科发展，打算让微创手术往什么方向升级？")
    assert "推动学科" not in asked and "兴义市人民医院" in asked
    assert "重症医学科" in specifics("医院重症医学科有多少张床位？")


def test_a_townships_village_must_be_that_village() -> None:
    asked = specifics("专家去汝阳县十八盘乡马庄村，一共去了多少人？")
    assert "马庄村" in asked
    assert not mentioned("马庄村", "14人赴该院帮扶村——汝阳县十八盘乡刘庄村宣讲党史")
    assert not any(s.endswith("村") for s in specifics("给乡镇和村里的医疗卫生机构招了多少人？"))


def test_a_quoted_slogan_with_ji_is_met_by_its_figures() -> None:
    assert "几基几化" in specifics("鹤壁市卫健委强化的是“几基几化”的党支部？")
    assert mentioned("几基几化", '二是强化"五基四化"党支部')
    assert not mentioned("几基几化", "二是强化党支部建设")


def test_a_quoted_name_asked_with_na_need_not_be_in_the_article() -> None:
    assert "三定" not in specifics("示范区培养订单定向医学生，用的是哪“三定”的办法？")
    assert "三定" in specifics("示范区培养订单定向医学生的“三定”办法是哪年提出的？")


def test_a_named_sight_must_be_in_the_article() -> None:
    assert "象鼻山" in specifics("象鼻山是哪个城市的景点？")


def test_what_a_rank_is_asked_of_is_no_specific() -> None:
    assert "全国代表大会" not in specifics("医院党委学习贯彻的，是党的第几次全国代表大会的精神？")


def test_a_quoted_name_is_matched_without_its_spacing() -> None:
    asked = specifics("那场“学史爱党 学史爱国”党史答题竞赛有多大规模？")
    assert "学史爱党学史爱国" in asked
    assert mentioned("学史爱党学史爱国", '组织开展"学史爱党学史爱国"百人百题党史答题竞赛活动')


def test_the_first_of_a_kind_is_a_specific() -> None:
    assert "第一家" in specifics("全国第一家胸痛中心是在哪家医院挂牌成立的？")
    assert not mentioned("第一家", "孟津区中医院在全国609家基层胸痛中心中排名全国第七")


def test_a_college_named_after_its_city_is_a_specific() -> None:
    asked = specifics("示范区依托安康学院培养了多少名订单定向医学生？")
    assert "安康学院" in asked  # 安康 stands for 安康市
    assert not mentioned("安康学院", "依托安康职业技术学院,开展订单定向医学生培养工作")
    assert "郑州大学" in specifics("郑州大学的专家去了哪里？")
    assert "学院" not in specifics("哪所学院培养了这些医学生？")
    # 医学院 is 医 + 学院
    assert "长治医学院" in specifics("长治医学院现在有几所直属附属医院？")
    assert not mentioned("长治医学院", "是河南推拿职业学院附属医院暨第四临床医学院")


def test_a_government_department_by_its_short_name_is_a_specific() -> None:
    assert "人社" in specifics("灵宝市人社部门按标准支付的生育医疗费用是多少钱？")
    assert not mentioned("人社", "医保部门按标准定额支付1000元~3300元的生育医疗费用")
    assert "医保" in specifics("医保局今年报销了多少钱？")


def test_an_alliance_or_society_named_with_its_scope_is_a_specific() -> None:
    assert "中华胃癌mdt联盟" in specifics("兴义市人民医院在中华胃癌MDT联盟里担任的是什么单位？")
    assert "江西省抗癌协会" in specifics("医院给江西省抗癌协会的会员减免哪些费用？")
    assert "中国胸痛中心联盟" in specifics("孟津区中医院在中国胸痛中心联盟发布的排名里排第几？")
    # without a scope it names no particular body
    assert not any(
        s.endswith("协会") for s in specifics("郑大二附院骨科联合志愿者协会和爱心组织，怎样帮助病人？")
    )
    assert not any(
        s.endswith("联盟") for s in specifics("医院在哪个针对结直肠癌的多学科诊疗联盟里担任副主席单位？")
    )


def test_a_clause_after_how_many_names_no_counted_thing() -> None:
    # jieba tags 正在 a time word, like the 周末 of 周末门诊, but 正在矿场上班 is a clause
    assert "正在" not in specifics("巴西尾矿坝决堤时，有多少人正在矿场上班？")
    assert {"远程", "病理"} <= set(specifics("济源示范区开展了多少例远程病理诊断？"))


def test_conditions_named_without_a_disease_ending() -> None:
    from service.answering.specifics import is_condition

    # 青光眼, which the tagger calls a name: the article's 流泪 is another condition
    assert "青光眼" in specifics("珠海市中西医结合医院耳鼻喉科为青光眼患者李阿姨做的是什么手术？")
    assert "中风" in specifics("老人因中风住院了多少天？")
    assert is_condition("青光眼") and is_condition("糖尿病") and is_condition("头痛")
    assert not is_condition("耳鼻喉科")


def test_a_festival_is_a_day_the_article_must_name() -> None:
    assert "重阳节" in specifics("卫生院党支部在重阳节那天组织党员志愿者去了哪家敬老院？")
    assert "春节" in specifics("春节期间医院门诊开放几天？")
    assert not any("节" in s for s in specifics("这个节目叫什么名字？"))
