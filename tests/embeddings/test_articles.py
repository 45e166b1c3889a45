from __future__ import annotations

from pathlib import Path

import pytest

from embeddings.articles import split_articles
from embeddings.clean import clean_text
from embeddings.types import SourceText


def split(text: str, title: str | None = None) -> list[tuple[str, str]]:
    source = SourceText("page.txt", text, title=title)
    return [(a.title, a.text) for a in split_articles(source, clean_text(text))]


def test_fixture_pages_split_at_headlines(fixtures_dir: Path) -> None:
    titles = []
    for path in sorted((fixtures_dir / "articles").iterdir()):
        text = path.read_text(encoding="utf-8")
        titles += [a.title for a in split_articles(SourceText(path.name, text), clean_text(text))]
    assert titles == [
        "青山市人民医院儿童病房正式启用", "白河县开展疫苗接种宣传周活动", "南湖区举办健康科普大赛",
        "东山镇卫生院引进CT设备", "网页安全测试报道", "西港市启动全民健身月",
    ]


def test_section_heading_without_byline_stays_inside_article() -> None:
    text = "大标题\n\n本报记者 王平\n\n第一段。\n\n小标题\n\n第二段内容很长很长。"
    assert [t for t, _ in split(text)] == ["大标题"]


def test_lead_without_headline_starts_article_titled_by_first_clause() -> None:
    text = "## 甲\n\n正文。\n\n本报讯(通讯员邓凌晖)近年来,灵宝市加强生育支持。后文。"
    assert [t for t, _ in split(text)] == ["甲", "近年来,灵宝市加强生育支持"]


def test_kicker_with_colon_and_title() -> None:
    text = "前文结束。\n\n洛阳市中心医院:\n\n党建领航办实事 争创标杆惠民生\n\n自开展党史学习教育以来,该院获得好评。"
    assert split(text)[-1][0] == "洛阳市中心医院: 党建领航办实事争创标杆惠民生"


def test_record_title_keeps_record_whole() -> None:
    assert split("第一段。\n\n短行\n\n本报讯 第二段。", title="记录标题") == [
        ("记录标题", "第一段。\n短行\n本报讯第二段。")
    ]


def test_doc_ids_are_stable_and_unique() -> None:
    text = "## 甲\n\n同样的正文。\n\n## 甲\n\n同样的正文。"
    source = SourceText("p.txt", text)
    first = [a.doc_id for a in split_articles(source, clean_text(text))]
    again = [a.doc_id for a in split_articles(source, clean_text(text))]
    assert first == again and len(set(first)) == 2


EXPECTED_TITLES = {
    "000_0e2247000a011efc.txt": ['鹤壁市"1+3+4+N"工作模式构建和谐医患关系', "濮阳市中医医院专家参加国家级学术会议"],
    "001_993314f26d1d3f19.txt": ["湖北省中医院组建社区医联体", "云南阜外医院累计救助6000名患者", "卷袖献热血"],
    "002_6e683bfafbe606da.txt": ["济源：“11363”模式推进紧密型医共体建设", "平顶山 举行健康科普能力大赛"],
    "003_98ad872fe14c9fdb.txt": ["黑龙江全面推进县域医共体建设", "江西省肿瘤医院启动癌症患者关爱行动计划"],
    "004_5b264ede828971bb.txt": ["洛阳市中心医院: 党建领航办实事争创标杆惠民生", "孟津区中医院: 厚德济世崇古创新唱响健康四季歌"],
}


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "count"), [("000_0e2247000a011efc.txt", 5), ("001_993314f26d1d3f19.txt", 6),
                                             ("002_6e683bfafbe606da.txt", 7), ("003_98ad872fe14c9fdb.txt", 8),
                                             ("004_5b264ede828971bb.txt", 2)])
def test_corpus_pages_split_into_their_articles(corpus_dir: Path, name: str, count: int) -> None:
    text = (corpus_dir / name).read_text(encoding="utf-8")
    articles = split_articles(SourceText(name, text), clean_text(text))
    titles = [a.title for a in articles]
    assert len(articles) == count, titles
    for expected in EXPECTED_TITLES[name]:
        assert expected in titles
    assert all(0 <= a.start < a.end <= len(text) for a in articles)
    assert all(a.end <= b.start for a, b in zip(articles, articles[1:], strict=False))
