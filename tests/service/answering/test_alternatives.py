from __future__ import annotations

import pytest

from service.answering.alternatives import swapped_alternatives


@pytest.mark.parametrize(("asked", "context", "swapped"), [
    ("寒假里的献血活动献了多少毫升血？", "暑假是意外伤害高发期,医院开展献血活动", ["寒假"]),
    ("暑假里的献血活动献了多少毫升血？", "暑假是意外伤害高发期,医院开展献血活动", []),
    ("全职引进了多少名专家？", "柔性引进院士、专家71人", ["全职"]),
    ("全职引进了多少名专家？", "引进院士、专家71人", []),  # no alternative named: left to the other checks
    ("获得金奖的有几件作品？", "3件作品获得金奖,5件获得银奖", []),
    # an alternative may have several names: 春天 is 春季
    ("春天的义诊有多少人参加？", "春季义诊共有300人参加", []),
    ("秋天的义诊有多少人参加？", "春季义诊共有300人参加", ["秋天"]),
    ("中秋节赠送了多少份月饼？", "端午节赠送中药香囊300份", ["中秋节"]),
    ("世界无烟日活动在哪里举行？", "世界卫生日宣传活动在广场举行", ["无烟日"]),
    ("那位男性患者多大年纪？", "李女士突然感觉胸痛", ["男性"]),
    ("李女士多大年纪？", "李女士突然感觉胸痛", []),
    # a level is bound to what it qualifies
    ("对多少家县级健康促进创建医院开展了评审？", "对8家市级健康促进创建医院开展评审,县级医院另行安排", ["县级健康促"]),
    ("对多少家市级健康促进创建医院开展了评审？", "对8家市级健康促进创建医院开展评审", []),
    ("建成了几个国家级临床重点专科？", "建成省级临床重点专科7个,国家级首批神经外科建设中心", ["国家级临床重"]),
    ("建成了几个国家级临床重点专科？", "建成省级临床重点专科7个,国家临床重点专科2个", []),  # 国家 without 级
    ("建成了几个国家级临床重点专科？", "建成临床重点专科7个", []),  # no other level: left to the other checks
    # who serves, stages of motherhood, sectors and where a service goes are bound the same way
    ("累计提供医生上门服务多少次？", "累计提供护士上门服务3000余次", ["医生上门服"]),
    ("累计提供医生上门服务多少次？", "累计提供医生、护士上门服务3000余次", []),
    ("孕晚期产前筛查率达到了多少？", "孕早中期产前筛查率达到99%以上", ["孕晚期产前筛"]),
    ("给怀孕期间的女职工提供哪些政策？", "对哺乳期女职工推行弹性工作制", ["怀孕期间女职工"]),
    ("派出了多少名教育领域的专家？", "已派出270余名医疗领域专家", ["教育领域"]),
    ("组织了多少名党员到学校“双报到”？", "组织1066名党员到社区“双报到”", ["学校双报到"]),
    ("派了多少名医务人员到镇卫生院？", "派驻103名医护人员到12个卫生院", []),  # no class: a paraphrase
])
def test_swapped_alternatives(asked: str, context: str, swapped: list[str]) -> None:
    assert swapped_alternatives(asked, context) == swapped
