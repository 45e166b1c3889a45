"""The unit a how-many or how-much question asks its figure in (``asked_unit``)."""

from __future__ import annotations

import pytest

from service.answering.question import answer_type
from service.answering.units import (
    AREA_UNITS,
    CLOCK_UNITS,
    DURATION_UNITS,
    ORDINAL_UNITS,
    PHONE_UNITS,
    RATIO_UNITS,
    WEIGHT_UNITS,
    asked_unit,
)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("共受理多少件医疗纠纷案件？", "件"),
        ("有多少张床位？", "张"),
        ("一共查出了多少处消防隐患？", "处"),
        ("手术花了多少钱？", "元"),
        ("How much money did Wuxi invest?", "元"),
        # a rate or a share is a percentage
        ("化解率达到了多少？", RATIO_UNITS),
        ("合格的比例有多高？", RATIO_UNITS),
        ("有多大比例同时患有高血压？", RATIO_UNITS),
        ("What percentage of the counties built one?", RATIO_UNITS),
        ("检查的频率是多少？", None),  # how often is no share
        ("高血压病人每天吃盐最多不能超过多少克？", "克"),  # a weight
        # a telephone number
        ("心理援助热线电话是多少？", PHONE_UNITS),
        ("What is the number of the psychological assistance hotline?", PHONE_UNITS),
        ("通过市长热线受理了多少件问题？", "件"),  # a count, though a hotline is named
        ("从接诊到入院一共花了多久？", DURATION_UNITS),
        ("手术用了多长时间？", DURATION_UNITS),
        ("住院多少天？", "天"),
        ("孕产补助和育儿补助分别能拿多少？", "元"),
        ("能领多少育儿补助？", "元"),
        ("杭州二孩补多少", "元"),  # 补多少: how much of a subsidy
        ("补助对象有多少人？", "人"),
        ("How many remote ECG cases did Jiyuan provide?", "例|件|次"),
        ("How many municipal hospitals did Puyang send experts to?", "家|所|个"),
        ("How many newborns did Changsha screen?", "名|位|人|例"),
        ("How many families were helped?", "户|个家庭"),
        ("How many surgeries were performed?", "例|台|次"),
        ("How long did the surgery take?", DURATION_UNITS),
        ("How many of them did it help?", None),
        # the asked attribute implies the unit: money, weight, age
        ("项目总投资是多少？", "元"),
        ("补助发放的总金额是多少？", "元"),
        ("捐赠的那批设备总价值是多少？", "元"),  # a value is money
        ("What was the total investment in the project?", "元"),
        ("投资建设了多少个病房？", "个"),  # an explicit measure word wins
        ("新生儿出生时的体重是多少？", WEIGHT_UNITS),
        ("What was the baby's birth weight?", WEIGHT_UNITS),
        ("老人今年多大年纪？", "岁"),
        ("How old is the patient?", "岁"),
        ("体重超标的孩子有多少名？", "名"),
        ("手术刷新了哪个地区的最小体重纪录？", None),
        ("做CT的郭先生今年多大？", "岁"),
        ("那位大夫自己家孩子多大？", "岁"),  # a person's 多大 is an age
        ("那个孩子的伤口有多大？", None),  # a wound's is a size
        ("患者肿瘤多大？", None),
        ("How many public places did the institute inspect?", "个|家|处|所"),
        ("How many specialists took part in the free clinic?", "名|位|人"),  # no known verb after it
        ("到目前为止花出去的救助款有多少？", "元"),  # …款 is money
        ("普惠托育机构每个孩子每月收费多少？", "元"),
        ("义诊赶上的是第几届宣传周？", ORDINAL_UNITS),  # 第30个 answers it as well
        ("这家管理中心在全市是第几家？", ORDINAL_UNITS),  # a rank among bodies: 首家
        ("那套考核体系一共分几级？", "级"),
        ("孟津区中医院的质控分数是多少分？", "分"),  # a score
        ("What score did Beijing's health system get for handling complaints?", "分"),
        ("What was the overall score?", "分"),
        ("手术做了多少分钟？", "分钟"),
        ("他说钱包里被拿走了多少现金？", "元"),  # cash is money
        ("法院判那家商店承担几成责任？", RATIO_UNITS),  # 百分之六十, 六成
        ("全市有几成年人接种了疫苗？", None),  # 成年人 is no share
    ],
)
def test_asked_unit(text: str, unit: str | None) -> None:
    assert asked_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("新建小区的托育空间，面积标准是多少？", AREA_UNITS),
        ("What is the total area of the new building?", AREA_UNITS),
        ("民房过火面积有多大？", AREA_UNITS),
        ("卫生院的面积有多大？", AREA_UNITS),  # not an age
        ("How big was the area that burned?", AREA_UNITS),
        ("How big is the new hospital?", None),
        ("夜间门诊晚上一般开到几点？", CLOCK_UNITS),
        ("What time does the night clinic close?", CLOCK_UNITS),
        ("What time of year is the campaign held?", None),
    ],
)
def test_an_area_and_a_time_of_day(text: str, unit: str | None) -> None:
    assert asked_unit(text) == unit


@pytest.mark.parametrize(
    "text", ["民房过火面积有多大？", "How big was the area that burned?", "这个小区占地多少？"]
)
def test_an_area_asks_for_a_figure(text: str) -> None:
    assert answer_type(text) == "number"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("西华县现在的常住人口有多少？", "人|万|亿"),
        ("What is the population of Hebi city?", "人|万|亿"),
        ("我国去年一年出生了多少人口？", "人"),
        ("灵宝市“十三五”期间的千人口总托位数目标是多少个？", "个"),  # 千人口 qualifies the count
    ],
)
def test_a_population_is_counted_in_people(text: str, unit: str | None) -> None:
    assert asked_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("灰色轿车司机当时开到了多快？", "公里|千米|km|码|迈|米/秒|米每秒"),
        ("How fast was he driving?", "公里|千米|km|码|迈|米/秒|米每秒"),
        ("这条公路建成后全长是多少？", "公里|千米|米|km"),
        ("两地相距多远？", "公里|千米|米|km"),
        ("这座桥有多长？", "公里|千米|米|km"),
        ("新楼有多高？", "米|厘米|层"),
        ("地震之后，最强的一次余震有多大？", "级"),
        # not a measure: how soon, how long a time, a rate, what an earthquake did
        ("投诉以后，院方要多快作出回应？", None),
        ("How fast did the experts reply?", None),
        ("手术做了多长时间？", DURATION_UNITS),
        ("治愈率有多高？", RATIO_UNITS),
        ("地震造成的损失有多大？", None),
        ("医疗服务水平有多高？", None),
        ("这件事的影响有多深？", None),
    ],
)
def test_a_measure_news_gives_in_figures(text: str, unit: str | None) -> None:
    assert asked_unit(text) == unit
    assert (answer_type(text) == "number") is (unit is not None)
