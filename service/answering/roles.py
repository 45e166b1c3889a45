"""The role words the answerer reads, side by side: each list serves one purpose, so they differ.

Kept apart from ``people.py`` so that ``question.py``, which ``people.py`` imports, can use them too,
and so that lists which overlap (书记 is a role, a name cue and an official's title) stand together.
"""

from __future__ import annotations

import re

# the roles a question asks the holder of (院长是谁), and that must be the article's (not its 副院长)
ROLE = re.compile(
    r"副?(?:院长|校长|主任|书记|局长|县长|市长|站长|所长|队长|负责人|董事长|总经理|法定代表人|法人代表|代理人)"
)
# a role the article may write in another form: 法人代表 and 法人 are the 法定代表人
_SAME_ROLE = ("法定代表人", "法人代表", "法人")


def role_forms(role: str) -> str:
    """A pattern matching ``role`` in any of its forms."""
    return "|".join(_SAME_ROLE) if role in _SAME_ROLE else role


# an English question's role, as the Chinese text writes it
EN_ROLES = [
    (re.compile(r"\bsecretary\b", re.I), "书记"),
    (re.compile(r"\b(?:director|heads?|headed|chief)\b", re.I), "主任|院长|局长|站长|所长|队长|组长|负责人"),
    (re.compile(r"\b(?:president|dean)\b", re.I), "院长"),
    (re.compile(r"\bmayor\b", re.I), "市长|县长|区长"),
    (re.compile(r"\bgovernor\b", re.I), "省长"),
    (re.compile(r"\bhead nurse\b", re.I), "护士长"),
    (re.compile(r"\b(?:captain|team leader)\b", re.I), "队长"),
]

# the roles whose holder a question asks for by 叫什么 alone (其法定代表人叫什么): it asks for a person
ROLES_ASKED_BY_NAME = (
    "院长|校长|书记|主任|局长|队长|负责人|法定代表人|法人代表|董事长|总经理|经理|市长|县长|主席"
)
# the words an article puts right before a person's name (院长张伟, 专家郝少峰)
NAME_CUE = re.compile(
    r"(?:院长|校长|主任|书记|医生|教授|专家|负责人|局长|站长|县长|市长|副县长|董事长|会长)"
    r"([\u4e00-\u9fff]{2,3})"
)

# the kin a question asks the name of (他要找的堂妹叫什么, 母亲叫什么名字): the name must stand beside that
# word, not be whoever else the sentence names (a doctor, the police officer quoted)
_KIN = (
    "堂妹 堂弟 堂哥 堂姐 堂兄 表妹 表弟 表哥 表姐 妹妹 弟弟 哥哥 姐姐 妻子 丈夫 儿子 女儿 母亲 父亲 爸爸 妈妈"
    " 婶婶 叔叔 伯伯 姑姑 舅舅 爷爷 奶奶 外公 外婆 孙子 孙女 老伴 前妻 前夫 女友 男友 儿媳 女婿"
)
ASKED_KIN = re.compile(
    f"({'|'.join(_KIN.split())})(?=的?(?:全名|真名|名字|姓名)?(?:叫什么|是谁|姓什么|名字|姓名|全名|真名))"
)

# 民警王飞介绍: the police officer or reporter telling the story is not whom a question about the
# story's people asks for, unless it asks about the police or the press
TELLER = re.compile(r"(?:民警|警官|交警|辅警|记者|通讯员)$")
ASKS_TELLER = re.compile(r"警|公安|派出所|记者|通讯员|报道|采访|媒体")
# 值班医生叫什么, 遇难的学生叫什么: someone an official's title (社区党支部书记王凯, 校长宁滨) does not name
ASKS_NO_OFFICIAL = re.compile(
    r"医生|医师|大夫|护士|专家|学生|患者|病人|村民|居民|司机|嫌疑人|男子|女子|死者|伤者|遇难者|孩子|老人"
)
OFFICIAL = re.compile(r"(?:书记|局长|县长|市长|区长|镇长|乡长|村长|校长|董事长|总经理|主席)$")
