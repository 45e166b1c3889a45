"""The role words the answerer reads, side by side: each list serves one purpose, so they differ.

Kept apart from ``people.py`` so that ``question.py``, which ``people.py`` imports, can use them too.
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


# the roles whose holder a question asks for by 叫什么 alone (其法定代表人叫什么): it asks for a person
ROLES_ASKED_BY_NAME = (
    "院长|校长|书记|主任|局长|队长|负责人|法定代表人|法人代表|董事长|总经理|经理|市长|县长|主席"
)
# the words an article puts right before a person's name (院长张伟, 专家郝少峰)
NAME_CUE = re.compile(
    r"(?:院长|校长|主任|书记|医生|教授|专家|负责人|局长|站长|县长|市长|副县长|董事长|会长)"
    r"([\u4e00-\u9fff]{2,3})"
)
