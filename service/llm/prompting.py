"""Prompts are data (``prompts/*.txt``, ``prompts/refusal.json``); this module only fills them in.

Article text and the question are untrusted: they go into the user message as delimited data,
neutralised so they can never close a delimiter or fake a passage, and are never parsed as templates.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from string import Template

from service.language import LANGS, Lang, detect_language
from service.llm.base import ChatMessage

_NEWLINES = re.compile(r"\r\n?|[\x85\u2028\u2029]")
# "<" (or a look-alike) opening one of our delimiter tags, also with spaces: "< / passage".
_DELIMITER_OPEN = re.compile(r"[<＜﹤‹〈⟨](?=\s*/?\s*(?:passage|question))", re.IGNORECASE)


@dataclass(frozen=True)
class PromptPassage:
    number: int
    title: str
    source: str
    text: str


@functools.cache
def load_prompt(name: str) -> str:
    """The text of ``prompts/<name>`` (a plain file name, e.g. ``answer_system.zh.txt``)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"prompt name must be a plain file name, got {name!r}")
    return resources.files("prompts").joinpath(name).read_text(encoding="utf-8")


def refusal_phrase(lang: Lang) -> str:
    """The exact cannot-answer sentence the model is told to reply with."""
    return _refusals()[_checked(lang)]


@functools.cache
def refusal_lead_ins(lang: Lang) -> tuple[str, ...]:
    """The words each prompt puts right before the cannot-answer sentence (…reply only:), so that a
    reply repeating the instructions can be told from one that refuses."""
    leads = []
    for name in (f"answer_system.{_checked(lang)}.txt", f"answer_user.{_checked(lang)}.txt"):
        before, found, _ = load_prompt(name).partition("$refusal")
        if found and before.strip():
            leads.append(before.rstrip().splitlines()[-1])
    return tuple(leads)


@functools.cache
def system_prompt(lang: Lang) -> str:
    template = Template(load_prompt(f"answer_system.{_checked(lang)}.txt"))
    return template.substitute(refusal=refusal_phrase(lang)).strip()


def build_messages(
    question: str, passages: Sequence[PromptPassage], lang: Lang | None = None
) -> list[ChatMessage]:
    """System + user message; ``lang`` defaults to the question's detected language."""
    lang = _checked(lang) if lang is not None else detect_language(question)
    user = Template(load_prompt(f"answer_user.{lang}.txt")).substitute(
        passages="\n".join(_render_passage(passage) for passage in passages),
        question=_as_data(question.strip()),
        refusal=refusal_phrase(lang),
    )
    return [
        {"role": "system", "content": system_prompt(lang)},
        {"role": "user", "content": user.strip()},
    ]


def _render_passage(passage: PromptPassage) -> str:
    attrs = f'id="{int(passage.number)}" title="{_attr(passage.title)}" source="{_attr(passage.source)}"'
    return f"<passage {attrs}>\n{_as_data(passage.text.strip())}\n</passage>"


def _as_data(text: str) -> str:
    """Text between delimiters: only what could fake a delimiter changes, so quotes stay checkable."""
    return _DELIMITER_OPEN.sub("&lt;", _strip_controls(text))


def _attr(value: str) -> str:
    return html.escape(" ".join(_strip_controls(value).split()), quote=True)


def _strip_controls(text: str) -> str:
    """Drop control and invisible format characters (zero-width, bidi overrides); keep newlines and tabs."""
    text = _NEWLINES.sub("\n", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf"))


@functools.cache
def _refusals() -> dict[str, str]:
    phrases = json.loads(load_prompt("refusal.json"))
    missing = [lang for lang in LANGS if not isinstance(phrases.get(lang), str)]
    if missing:
        raise ValueError(f"prompts/refusal.json lacks a phrase for {missing}")
    return {lang: phrases[lang] for lang in LANGS}


def _checked(lang: str) -> Lang:
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
