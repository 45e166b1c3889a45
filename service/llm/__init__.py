"""LLM clients and the prompts they are fed."""

from service.language import Lang, detect_language
from service.llm.base import ChatMessage, LLMClient, Role
from service.llm.openai_client import OpenAIChatClient
from service.llm.prompting import (
    PromptPassage,
    build_messages,
    load_prompt,
    refusal_phrase,
    system_prompt,
)

__all__ = [
    "ChatMessage",
    "LLMClient",
    "Lang",
    "OpenAIChatClient",
    "PromptPassage",
    "Role",
    "build_messages",
    "detect_language",
    "load_prompt",
    "refusal_phrase",
    "system_prompt",
]
