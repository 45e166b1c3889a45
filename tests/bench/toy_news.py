"""A toy news collection for the benchmark tests: five short articles, an answerable draft question
about one of them and an unanswerable one (conftest.py's ``toy_index`` ingests them)."""

from __future__ import annotations

from typing import Any

ARTICLES = {
    "a.txt": "鹤壁市医疗纠纷调解\n今年以来，鹤壁市医疗纠纷人民调解委员会受理医疗纠纷12件，调解成功10件。\n",
    "b.txt": "新乡开展义诊活动\n5月20日，新乡市中心医院组织专家深入农村开展义诊活动，为群众测量血压。\n",
    # enough other articles for the keyword channel's term weights to mean something
    "c.txt": "手足口病进入高发期\n专家提醒，手足口病进入高发期，家长要注意孩子手部卫生，勤洗手。\n",
    "d.txt": "洛阳开展无偿献血活动\n6月14日，洛阳市中心血站在广场开展无偿献血活动，共有200人参加。\n",
    "e.txt": "郑州新建社区医院\n郑州市金水区新建社区医院3家，方便居民就近看病。\n",
}
DRAFT: dict[str, Any] = {
    "id": "na001",
    "question": "鹤壁市医疗纠纷调解委员会今年受理了几件纠纷？",
    "answers": ["12件", "12"],
    "evidence": ["受理医疗纠纷12件"],
    "source": "a.txt",
    "lang": "zh",
    "kind": "number",
}
REFUSE: dict[str, Any] = {
    "id": "na002",
    "question": "新乡义诊共有多少名专家参加？",
    "answers": [],
    "evidence": [],
    "source": None,
    "lang": "zh",
    "kind": "unanswerable",
}
