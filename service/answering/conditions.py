"""The Chinese names of conditions an English question may name: an article that never writes 糖尿病
does not say what share of its patients have diabetes, however close the rest of it is.

English questions over Chinese articles are checked by pinyin names and figures
(``pinyin_names``, ``figures``); a disease is neither, so this short glossary of common ones stands
in for a translation. A word that is not in it counts as a condition when CC-CEDICT (``lexicon``)
translates it mostly into names of conditions (norovirus: 诺如病毒).
"""

from __future__ import annotations

import re

from service.answering.features import DISEASE_ENDINGS
from service.answering.lexicon import translations

# English (a regular expression, longest first where one contains another) -> Chinese alternatives
_GLOSSARY: tuple[tuple[str, str], ...] = (
    ("congenital heart (?:disease|defects?)", "先心病|先天性心脏病"),
    ("coronary (?:heart|artery) disease", "冠心病|冠状动脉"),
    ("heart failure", "心衰|心力衰竭"),
    ("heart attacks?|myocardial infarctions?", "心梗|心肌梗死|心肌梗塞"),
    ("heart disease", "心脏病|心血管病|心血管疾病"),
    ("aortic dissections?", "主动脉夹层"),
    ("atrial fibrillation", "房颤|心房颤动"),
    ("arrhythmias?", "心律失常"),
    ("high blood pressure|hypertension", "高血压"),
    ("diabetes|diabetic", "糖尿病"),
    ("strokes?", "卒中|中风|脑梗"),
    ("breast cancer", "乳腺癌"),
    ("lung cancer", "肺癌"),
    ("cancers?|tumou?rs?", "癌|肿瘤|瘤"),
    ("pneumonia", "肺炎"),
    ("pneumothorax", "气胸"),
    ("asphyxia", "窒息"),
    ("glaucoma", "青光眼"),
    ("cataracts?", "白内障"),
    ("myopia|short-sightedness", "近视"),
    ("tuberculosis", "结核"),
    ("influenza|flu", "流感"),
    ("covid(?:-19)?", "新冠"),
    ("hepatitis", "肝炎"),
    ("hiv|aids", "艾滋"),
    ("asthma", "哮喘"),
    ("fractures?", "骨折"),
    ("osteoporosis", "骨质疏松"),
    ("scoliosis", "脊柱侧弯|侧弯"),
    ("arthritis", "关节炎"),
    ("gout", "痛风"),
    ("dementia|alzheimer['’]?s?", "痴呆|阿尔茨海默"),
    ("depression", "抑郁"),
    ("autism", "孤独症|自闭症"),
    ("epilepsy", "癫痫"),
    ("insomnia|sleep disorders?", "失眠|睡眠障碍"),
    ("obesity", "肥胖"),
    ("ana?emia", "贫血"),
    ("jaundice", "黄疸"),
    ("sepsis", "脓毒症|败血症"),
    ("deafness|hearing loss", "耳聋|听力"),
    ("kidney disease|nephropathy", "肾病|肾脏病"),
    ("thyroid", "甲状腺"),
    ("rabies", "狂犬病"),
    ("measles", "麻疹"),
    ("malaria", "疟疾"),
)
_CONDITION_ENDINGS = (*DISEASE_ENDINGS, "病毒", "菌", "热", "痘", "流感", "喘", "障")
_PATTERNS = tuple((re.compile(rf"\b(?:{en})\b", re.I), zh) for en, zh in _GLOSSARY)


def english_conditions(text: str) -> list[tuple[str, str]]:
    """The conditions an English question names, each with its Chinese names as an alternation; a
    term inside a longer one found first (heart disease in congenital heart disease) is not
    counted again."""
    return [(english, chinese) for english, chinese, _ in _glossary_matches(text)]


def _glossary_matches(text: str) -> list[tuple[str, str, range]]:
    found: list[tuple[str, str, range]] = []
    for pattern, chinese in _PATTERNS:
        for m in pattern.finditer(text):
            if not any(m.start() in taken for _, _, taken in found):
                found.append((m.group(0), chinese, range(m.start(), m.end())))
    return found


def conditions_missing(text: str, context: str) -> list[str]:
    """The conditions an English question names that ``context`` (Chinese, search form) never does:
    those of the glossary, and any other word the dictionary translates only into names of
    conditions (norovirus: 诺如病毒)."""
    named = _glossary_matches(text)
    missing = [english for english, chinese, _ in named if not re.search(chinese, context)]
    seen: set[str] = set()
    for m in re.finditer(r"[a-z]{4,}", text.lower()):
        word = m.group()
        if word in seen or any(m.start() in span for _, _, span in named):
            continue
        seen.add(word)
        chinese = translations(word)
        if _names_conditions(chinese) and not any(c in context for c in chinese):
            missing.append(word)
    return missing


def _names_conditions(chinese: frozenset[str]) -> bool:
    """Do most of a word's translations name a condition (…病, …病毒, …炎)?"""
    return bool(chinese) and sum(c.endswith(_CONDITION_ENDINGS) for c in chinese) * 2 > len(chinese)
