"""counts.py, through new_answer_entity for count questions: what a count must stand beside, the measure words
that answer 多少/几, how often, and the figures a slogan or a bare count fills in."""

from __future__ import annotations

from service.answering.features import new_answer_entity, vague_count
from tests.service.answering.helpers import question


def test_a_count_stands_beside_what_it_counts() -> None:
    # 多少个县: a count right before 县, not 10个部门
    asked = question("全省一共有多少个县要组建医共体？")
    assert not new_answer_entity(asked, "黑龙江省卫生健康委等10个部门联合印发实施方案。")
    assert new_answer_entity(asked, "全省共有67个县（市、区）组建医共体。")
    # all of them is a count too
    asked = question("同伴支持项目已经在多少个区县开展了？")
    assert new_answer_entity(asked, "截至目前,所有区县均已开展该项目。")
    assert not new_answer_entity(asked, "所有患者均已出院。")
    assert new_answer_entity(question("有几个省一级的临床重点专科？"), "建成省级临床重点专科7个。")  # a level
    # 多少粉丝, with no measure word: a number beside 粉丝 (or, for 医护人员, beside 医务人员)
    asked = question("直播需要多少粉丝才能开通？")
    assert not new_answer_entity(asked, "在85分钟直播中,3000多人在线学习。")
    assert new_answer_entity(asked, "粉丝达到1000人即可开通直播。")
    assert new_answer_entity(question("往镇卫生院派了多少医护人员？"), "派驻103名医务人员到12个卫生院工作。")
    # 多少人次老百姓受益了: the count beside 受益, whatever the particle after it
    asked = question("远程诊断到现在让多少人次老百姓受益了？")
    assert new_answer_entity(asked, "开展远程心电26870例,受益群众达到1.3万余人次。")


def test_a_count_of_the_nouns_after_it_when_the_clause_runs_on() -> None:
    asked = question("济源有几家镇卫生院已经够得上社区医院的水平了？")
    assert new_answer_entity(asked, "3个镇卫生院达到国家推荐标准,7个镇卫生院达到社区医院标准。")
    assert not new_answer_entity(asked, "为基层医疗卫生机构配备CT设备5台,建成2个医疗健康集团。")


def test_a_count_of_township_health_centres_is_no_count_of_townships() -> None:
    asked = question("济源示范区有多少个乡镇卫生院的服务能力都够上了国家基本标准？")
    assert new_answer_entity(asked, "12个镇卫生院服务能力全部达到国家基本标准。")
    assert not new_answer_entity(
        question("全市一共有多少个乡？"), "12个镇卫生院服务能力全部达到国家基本标准。"
    )


def test_which_department_is_no_team() -> None:
    asked = question("和登封市总医院一起做手术的李温斌团队属于北京安贞医院的哪个部门？")
    assert not new_answer_entity(asked, "12月9日,李温斌团队联合登封市总医院手术团队为李女士实施了手术。")
    assert new_answer_entity(asked, "该院邀请北京安贞医院心脏外科中心李温斌团队共同完成手术。")


def test_which_edition_is_answered_by_any_ordinal_of_the_event() -> None:
    asked = question("天坛医院的义诊赶上的是第几届全国性的防癌宣传周？")
    assert new_answer_entity(asked, "4月15日至21日是第30个全国肿瘤防治宣传周。")
    assert not new_answer_entity(asked, "4月19日上午,百余名患者参加了义诊。")


def test_which_rank_among_bodies_is_answered_by_first() -> None:
    asked = question("新开诊的泛血管疾病管理中心在全市是第几家？")
    assert new_answer_entity(asked, "这也是全市首家泛血管疾病管理中心。")
    assert not new_answer_entity(asked, "专家组对8家医院进行了评审。")


def test_which_hospital_wants_a_hospital_not_a_team() -> None:
    asked = question("登封市总医院请了哪家医院的团队一起做手术？")
    assert not new_answer_entity(asked, "李温斌团队联合登封市总医院手术团队为李女士实施了手术。")
    assert new_answer_entity(asked, "该院邀请北京安贞医院心脏外科中心李温斌团队共同完成手术。")


def test_a_count_of_the_asked_noun_not_of_something_else() -> None:
    asked = question("鹤壁市医疗纠纷人民调解委员会共有多少名专职调解员？")
    assert not new_answer_entity(asked, "鹤壁市为1500余名65岁以上失能老年人提供健康服务。")
    assert new_answer_entity(asked, "委员会现有专职调解员12名。")
    # the people counted, when a verb follows them (多少名老年人提供了服务)
    asked = question("智慧医养中心已经为多少名老年人提供了服务？")
    assert not new_answer_entity(asked, "派驻103名医务人员到12个卫生院工作。")
    assert new_answer_entity(asked, "中心已为3000余名老年人提供上门服务。")
    # a short counted word is often paraphrased (几项内容 -> 7项措施), so it is not required
    assert new_answer_entity(question("行动计划一共包括几项内容？"), "行动计划包括7项措施。")
    # a count beside the counted noun, which may be said another way (住院病人: 住院患者)
    asked = question("专家组帮各镇卫生院收进了多少名住院病人？")
    assert new_answer_entity(asked, "协助接诊患者860余人次,帮助收治卫生院住院患者100余人。")
    asked = question("中药汤剂一共发给了多少名湖北返孟人员？")
    assert not new_answer_entity(asked, "抽调6名医护专家骨干,驰援武汉,煎制中药汤剂,免费发放给湖北返孟人员。")
    assert new_answer_entity(asked, "免费发放给湖北返孟人员300名。")


def test_a_counted_noun_may_end_at_de() -> None:
    # 几家乡镇卫生院的…: the count of 卫生院, which 个 may stand in for
    asked = question("济源有几家乡镇卫生院的服务能力够得上国家推荐标准？")
    assert new_answer_entity(asked, "3个镇卫生院达到国家推荐标准,7个镇卫生院达到社区医院标准。")
    # 多少件不合时宜的文件: what comes before 的 describes the counted thing; it is not the thing
    asked = question("灵宝市清理废止了多少件不合时宜的文件规定？")
    assert new_answer_entity(asked, "及时清理、废止各类与当前人口发展不相符的文件规定10件。")
    # the thing after that 的, ending the question, is what is counted
    asked = question("整治活动当天共清理了多少辆乱停乱放的共享单车？")
    assert new_answer_entity(asked, "当天清理乱停乱放的共享单车30辆。")
    assert not new_answer_entity(asked, "拖移僵尸车5辆。")


def test_a_count_in_chinese_numerals_answers_a_bare_how_many() -> None:
    # 多少患者 with no measure word: 百余名 beside 患者 is a count, as 100余名 would be
    asked = question("天坛医院义诊给多少患者答疑解惑？")
    assert new_answer_entity(asked, "联合开展义诊,为百余名患者答疑解惑。")
    assert not new_answer_entity(asked, "专家们耐心地为患者解答疑问。")


def test_a_counted_noun_ends_before_the_place_it_goes_to() -> None:
    # 多少名专家去海东: a count of 专家, which need not stand beside 海东
    asked = question("无锡派了多少名专家去海东？")
    assert new_answer_entity(asked, "截至目前,无锡市已派出270余名医疗领域专家到海东市进行帮扶。")
    assert not new_answer_entity(asked, "帮扶海东市两所受援医院,收治患者100余人。")
    asked = question("派出了多少名医生到海东市？")
    assert new_answer_entity(asked, "无锡市派出医生30名,常驻海东市开展帮扶。")
    # what the counted people do is no place: 患者做了手术 stays the counted thing
    asked = question("义诊当场给多少名患者做了手术？")
    assert not new_answer_entity(asked, "义诊为百余名患者答疑解惑。")


def test_a_figure_asked_by_its_noun_and_shi_duoshao_stands_beside_that_noun() -> None:
    asked = question("贾爹爹被送到医院后，医生量出他的高压是多少？")
    assert new_answer_entity(asked, "医生测量贾爹爹的血压发现高压已到185mmHg。")
    assert not new_answer_entity(asked, "有人拨打了120急救电话,将贾爹爹送到了医院。")


def test_grains_are_counted_in_either_measure_word_and_a_bound_is_no_counted_noun() -> None:
    asked = question("医生提醒车厘子每次吃几颗以内比较安全？")
    assert new_answer_entity(
        asked, "一般我们建议车厘子单次服用不要超过20粒。"
    )  # 颗 or 粒; 以内比较安全 counts nothing
    assert not new_answer_entity(asked, "王女士连着5天吃了6斤车厘子。")


def test_how_often_is_answered_by_every_so_often() -> None:
    asked = question("江西省肿瘤医院的科普义诊多长时间搞一次？")
    assert new_answer_entity(asked, "每季度开展一次科普义诊。")
    assert not new_answer_entity(asked, "江西省肿瘤医院启动癌症患者关爱行动计划。")


def test_how_often_may_be_answered_by_now_and_then() -> None:
    asked = question("关爱计划里带康复者出去郊游，多久组织一次？")
    assert new_answer_entity(asked, "不定期组织癌症康复者及家属郊游、健步走。")
    assert new_answer_entity(asked, "定期组织癌症康复者及家属郊游、健步走。")  # at regular times
    assert not new_answer_entity(asked, "组织癌症康复者及家属郊游、健步走。")


def test_how_often_a_paper_comes_out() -> None:
    assert new_answer_entity(
        question("医院自己办的院报多久出一期？"), "每月一期、每期3000份的院报自2018年创办。"
    )


def test_a_slogan_with_ji_wants_its_figures_filled_in() -> None:
    asked = question("鹤壁卫健委构建闭环治理，用的是“几治融合”的办法？")
    assert new_answer_entity(asked, '"四治融合" 构建全周期闭环治理')
    assert not new_answer_entity(asked, "制定了专项工作,推动64个基层党支部书记参与")


def test_a_count_of_a_kind_of_body_wants_that_kind() -> None:
    blood_banks = question("全国现在一共有多少家血站？")
    assert not new_answer_entity(blood_banks, "孟津区中医院在全国609家基层胸痛中心中排名第七。")
    assert new_answer_entity(blood_banks, "全国共有血站450家。")
    # a hospital is often counted as a medical institution
    assert new_answer_entity(question("共有多少家医院参加？"), "共有50家医疗机构参加。")


def test_a_turnout_is_a_count_of_people_taking_part() -> None:
    turnout = question("那场经验交流会一共有多少人参会？")
    assert not new_answer_entity(turnout, "项目累计覆盖1700余名患者,助力50余名患者再就业。")
    assert new_answer_entity(turnout, "来自各区县的300余人参会。")
    assert new_answer_entity(
        question("竞赛有多少人参赛？"), "来自基层医疗卫生机构的33名家庭医生团队成员参加了竞赛。"
    )
    attended = question("How many people attended the founding meeting of the alliance?")
    assert not new_answer_entity(attended, "在成立大会上,6名基层中医代表向6位科室主任拜师。")
    assert new_answer_entity(attended, "来自各区县的300余人参会。")
    assert new_answer_entity(question("How many people took part in the blood drive?"), "有120多人参与献血。")


def test_a_two_character_noun_after_ming_ending_the_question_is_what_is_counted() -> None:
    members = question("领导小组一共有多少名成员？")
    assert not new_answer_entity(members, "全市为1500余名老年人提供健康服务。")
    assert new_answer_entity(members, "领导小组共有成员12名。")
    # the first of several nouns is no head: the count stands beside all of them
    staff = question("应急单元里一共配了多少名保安、职工和志愿者？")
    assert new_answer_entity(staff, "配备保安、职工、志愿者等人员469名。")


def test_a_figure_of_speech_is_no_count_unless_asked() -> None:
    distance = question("卫生院离医共体总院有多少公里？")
    assert not new_answer_entity(distance, "真正打通了基层慢性病管理“最后一公里”。")
    assert new_answer_entity(distance, "卫生院距总院12公里。")
    beds = question("智慧医养中心设有多少张床位？")
    assert not new_answer_entity(beds, "信息联通一张网、资源配置一本账。")
    assert new_answer_entity(question("救助窗口实现了“几站式”服务？"), "实现社会救助一站式服务。")
    # asked in its own words, part of it quoted: 打通了“最后”多少公里
    assert new_answer_entity(
        question("义诊队为村民打通了“最后”多少公里？"), "义诊队进村入户,打通服务“最后一公里”。"
    )


def test_a_count_of_a_noun_without_its_measure_word() -> None:
    asked = question("济源示范区的“11363”模式，最后要实现几个方面的效果？")
    assert new_answer_entity(asked, "突出三个融合,推进六个统一,实现三方面效果")
    assert new_answer_entity(
        question("有几个部门联合印发了方案？"), "黑龙江省卫生健康委等10部门联合印发实施方案"
    )


def test_how_often_may_be_answered_by_an_adverb_of_frequency() -> None:
    asked = question("孟津的文化长廊前，隔多久就会有人驻足观看？")
    assert new_answer_entity(asked, "文化长廊前不时有人驻足,拍照或记录知识要点。")
    assert new_answer_entity(asked, "文化长廊前每天都有人驻足。")
    assert not new_answer_entity(asked, "文化长廊前有人驻足,拍照或记录知识要点。")


def test_a_count_of_issues_or_rounds_wants_that_measure_word() -> None:
    asked = question("医院的公众号一共推送了多少期？")
    assert asked.unit == "期"
    assert new_answer_entity(asked, "公众号自创办以来已推送120期。")
    assert not new_answer_entity(asked, "该院在全国609家基层胸痛中心中排名全国第七。")


def test_a_two_character_group_of_people_must_be_the_one_counted() -> None:
    asked = question("全市累计为多少名孕妇完成了耳聋基因检测？")
    assert not new_answer_entity(asked, "全市累计为439308名新生儿完成遗传性耳聋基因检测。")
    assert new_answer_entity(asked, "全市累计为5000余名孕妇完成了耳聋基因检测。")
    # 参赛 after 多少人 is a verb the tagger takes for a noun: any count of people answers
    assert new_answer_entity(question("技能竞赛有多少人参赛？"), "来自基层的33名成员参加了技能竞赛。")


def test_counts_without_a_figure() -> None:
    from service.answering.counts import vague_counts

    asked = question("无锡一共有几家医疗机构跟海东结成了帮扶对子？")
    assert vague_counts(asked, asked.text, "无锡市多家三级医疗机构与海东市医疗机构建立了对口帮扶关系") == [
        "多家"
    ]
    assert (
        vague_counts(asked, asked.text, "无锡市3家医疗机构参与帮扶") == []
    )  # a figure is a count, not a vague one
    foundations = question("社工部携手了多少家基金会？")  # 个 stands in for 家, as with figures
    assert vague_counts(foundations, foundations.text, "社工部与多个基金会合作") == ["多个"]
    english = question("How many hospitals in Wuxi took part?")
    assert vague_counts(english, english.text, "无锡市多家三级医疗机构") == []  # Chinese questions only
    money = question("这个项目花了多少钱？")
    assert vague_counts(money, money.text, "花费数万元") == []  # money is counted in figures


def test_a_duration_without_a_figure() -> None:
    from service.answering.counts import vague_counts

    asked = question("那个管理中心对病人的随访要持续多久？")
    assert vague_counts(asked, asked.text, "中心重视长期随访,逐步完善管理模式。") == ["长期"]
    assert vague_counts(asked, asked.text, "中心开展随访。") == []
    until = question("伤口要过多久才能沾水？")  # how long until: the action must follow
    assert vague_counts(until, until.text, "伤口很快就能沾水了。") == ["很快"]
    assert vague_counts(until, until.text, "患者术后长期卧床。") == []


def test_a_count_without_a_figure_of_a_noun_asked_with_no_measure_word() -> None:
    from service.answering.counts import vague_counts

    asked = question("那次专项检查联合了多少部门？")
    assert vague_counts(asked, asked.text, "卫健委联合多部门开展专项检查。") == ["多部门"]
    assert vague_counts(asked, asked.text, "卫健委开展多项检查。") == []  # another noun


def test_an_english_count_of_a_thing_the_dictionary_knows_wants_that_thing() -> None:
    platelets = question("How many millilitres of platelets were donated during the blood drive?")
    assert not new_answer_entity(platelets, "献血活动共采集全血12000毫升。")
    assert new_answer_entity(platelets, "献血活动共采集血小板300毫升。")
    # a translation's start will do (门诊 for 门诊室, "clinic")
    clinics = question("How many night-time outpatient clinics has Jiyuan set up so far?")
    assert new_answer_entity(clinics, "先后设立夜间门诊22个、名医工作室15个。")


def test_an_english_how_long_wants_a_duration_beside_one_of_its_words() -> None:
    surgery = question("How long did the heart surgery on the patient take?")
    assert new_answer_entity(surgery, "手术历时5个多小时,患者转入监护室。")
    assert not new_answer_entity(
        surgery, "患者的胸闷已困扰她3年,家人陪她前来就诊。"
    )  # how long a trouble lasted
    assert new_answer_entity(
        question("How long has the patient had chest tightness?"), "患者的胸闷已困扰她3年,家人陪她前来就诊。"
    )


def test_all_of_the_counted_things_is_a_count_without_a_figure() -> None:
    from service.answering.counts import whole_counts

    asked = question("那个项目已经在多少个区县开展了？")
    assert whole_counts(asked, asked.text, "截至目前,所有区县均已开展该项目") == ["所有"]
    assert whole_counts(asked, asked.text, "所有活动均已结束") == []  # all of something else
    households = question("有多少建档立卡的贫困户能免交住院押金？")  # no measure word
    assert whole_counts(households, households.text, "让所有建档立卡贫困户享受免收住院押金") == ["所有"]
    people = question("一共有多少名党员参加了活动？")
    assert whole_counts(people, people.text, "全体党员参加了活动") == []  # people are counted in figures
    money = question("这个项目花了多少钱？")
    assert whole_counts(money, money.text, "所有项目的钱已经全部花完") == []
    staff = question("医院里有多少职工齐心参与抗击疫情？")  # the whole hospital's, the broad mass of
    assert whole_counts(staff, staff.text, "全院职工齐心协力抗击疫情,筑牢疫情防控线。") == ["全院"]
    assert whole_counts(staff, staff.text, "不仅让广大职工深受触动") == ["广大"]
    measures = question("定下的措施要落实多少？")
    assert whole_counts(measures, measures.text, "不折不扣落实医院高质量发展各项措施") == ["各项"]
    given = question("要求全院干部职工跟党走，讲究的是几心几意？")  # the question says 全院 itself
    assert whole_counts(given, given.text, "全院干部职工一心一意跟党走") == []
    # the whole counts the noun right after it: 所有墙面 counts walls, not the asked 办法
    ways = question("为了把中医药文化传开，医院试过多少管用的办法？")
    assert whole_counts(ways, ways.text, "几乎占据所有墙面的文化长廊是弘扬中医药文化的阵地") == []
    assert whole_counts(ways, ways.text, "医院把所有办法都用在中医药文化传播上") == ["所有"]
    # the answerer takes it for the asked kind, said less exactly than a figure
    assert vague_count(households, "各科室严格落实政策,让所有建档立卡贫困户享受免收住院押金。")


def test_a_one_character_noun_ending_the_question_is_counted_without_ge() -> None:
    asked = question("她在小组赛里总共攻入了几个球？")
    assert new_answer_entity(asked, "她在小组赛三场比赛打进六球获得最佳射手。")


def test_an_ordinal_or_the_only_one_is_no_count() -> None:
    asked = question("她在小组赛里总共攻入了几个球？")
    assert not new_answer_entity(asked, "她作为唯一一个进入最佳阵容的代表，拿下了人生中的第一个全国冠军。")
    assert new_answer_entity(question("医院设立了几个门诊？"), "医院共设立了十一个门诊。")
