from __future__ import annotations

import pytest

from service.answering.places import is_place, is_province, place_mentioned, places_by_pinyin


@pytest.mark.parametrize(
    "name", ["安阳", "安阳市", "河南", "河南省", "三门峡", "灵宝", "濮阳县", "广西", "延边", "上海"]
)
def test_provinces_cities_and_counties_are_places(name: str) -> None:
    assert is_place(name)


@pytest.mark.parametrize("word", ["合作", "安康", "同仁", "上岗", "宝宝", "医院", "鼓楼", "和平"])
def test_everyday_words_and_bare_district_names_are_not(word: str) -> None:
    assert not is_place(word)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("江西", True),
        ("江西省", True),
        ("北京市", True),
        ("广西", True),
        ("广西壮族自治区", True),
        ("景德镇市", False),
        ("景德镇", False),
        ("孟津区", False),
    ],
)
def test_provinces_by_full_or_bare_name(name: str, expected: bool) -> None:
    assert is_province(name) is expected


def test_a_place_is_mentioned_by_itself_or_a_place_inside_it() -> None:
    assert place_mentioned("安阳", "安阳市卫健委组织义诊")
    assert place_mentioned("河南", "灵宝市新生儿救治中心")  # 灵宝 is in 三门峡, in 河南
    assert place_mentioned("三门峡市", "灵宝新生儿")
    assert not place_mentioned("安阳", "濮阳市卫健委组织义诊")
    assert not place_mentioned("湖北", "灵宝市新生儿救治中心")


def test_a_university_named_after_its_city_does_not_place_the_article_there() -> None:
    context = "市中心医院与西安交通大学第二附属医院开展深度合作,辐射豫西南、晋东南"
    assert not place_mentioned("陕西", context)
    assert place_mentioned("陕西", context + "。西安市民也可前来就诊")
    assert place_mentioned("陕西", "陕西省人民医院")
    # a medical college too (医学院 is 医 + 学院), one in a city of another province
    assert not place_mentioned("山西", "与长治医学院附属和济医院开展合作")
    assert place_mentioned("山西", "长治市卫健委组织义诊")


def test_places_by_the_pinyin_of_an_english_question() -> None:
    assert places_by_pinyin("Jincheng") == ("晋城",)
    assert places_by_pinyin("Mengjin") == ("孟津",)  # a district, by its bare name
    assert set(places_by_pinyin("Wuxi")) == {"无锡", "巫溪"}
    assert places_by_pinyin("Tiantan") == ()
    assert set(places_by_pinyin("Shanxi")) >= {"山西", "陕西"}
    assert "山西" not in places_by_pinyin("Shaanxi") and "陕西" in places_by_pinyin("Shaanxi")


def test_a_county_its_own_news_names_bare() -> None:
    assert place_mentioned("岚皋县", "我县开展环境综合整治活动,助推美丽岚皋建设。")
    assert not place_mentioned("岚皋县", "开展环境综合整治活动,助推美丽岚皋建设。")  # whose 岚皋?


def test_a_name_before_a_place_suffix_names_a_place_only_in_the_gazetteer() -> None:
    from service.answering.places import names_place

    assert names_place("汉滨", "区") and names_place("恒口", "示")  # a 示范区 by its suffix
    assert not names_place("住宅", "区") and not names_place("哪个", "省") and not names_place("全市", "市")
