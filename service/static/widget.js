/*
 * ragqa chat widget: ask questions about the indexed news articles and check every answer
 * against its sources. Plain JavaScript, no dependencies, no build step.
 *
 * Embed on any page (data-api defaults to where this script was loaded from):
 *   <script src="https://host/widget.js" data-api="https://host" defer></script>
 * Options (data-* attributes on the script tag):
 *   data-api     base URL of the ragqa service
 *   data-mode    "launcher" (default: a button that opens a panel) or "page" (fills data-target)
 *   data-target  CSS selector of the element to render into (page mode)
 *   data-lang    "zh" or "en" (default: the browser's language; users can switch)
 *   data-top-k   passages to retrieve per question (default 5)
 *   data-key     an API key with the "query" role, sent as "Authorization: Bearer" (only when the
 *                service requires keys; anyone who can see the page can read it)
 *
 * The widget lives in a shadow root, so the host page's CSS cannot reach it and its CSS cannot
 * leak out. Everything that comes from the network (answers, titles, article text) is inserted
 * as text nodes: nothing received is ever parsed as markup.
 * The host element emits "ragqa:delta", "ragqa:done" and "ragqa:error" events.
 */
(() => {
  "use strict";

  const script =
    document.currentScript ||
    Array.from(document.querySelectorAll("script[src]")).find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src));
  if (!script || script.hasAttribute("data-ragqa-mounted")) return;
  script.setAttribute("data-ragqa-mounted", "");

  const config = {
    api: (script.dataset.api || new URL(".", script.src || location.href).href).replace(/\/+$/, ""),
    mode: script.dataset.mode === "page" ? "page" : "launcher",
    target: script.dataset.target || "",
    lang: script.dataset.lang || "",
    topK: Math.max(1, parseInt(script.dataset.topK || "5", 10) || 5),
    key: script.dataset.key || "",
  };
  const auth = config.key ? { Authorization: "Bearer " + config.key } : {};
  const STORE_KEY = "ragqa:history:" + config.api;
  const LANG_KEY = "ragqa:lang";
  const MAX_TURNS = 40;
  let idCounter = 0;

  // ---------------------------------------------------------------------------------------
  // Strings
  // ---------------------------------------------------------------------------------------
  const STRINGS = {
    zh: {
      brand: "新闻问答",
      tagline: "回答均注明出处",
      taglineCount: (n) => `基于 ${n} 篇新闻文章`,
      openLauncher: "打开新闻问答",
      closeLauncher: "关闭新闻问答",
      close: "关闭",
      newChat: "新对话",
      langButton: "EN",
      langLabel: "Switch to English",
      logLabel: "对话记录",
      inputLabel: "你的问题",
      placeholder: "就新闻文章提问，例如：医院新设了多少张床位？",
      placeholderShort: "就新闻文章提问…",
      hint: "Enter 发送 · Shift + Enter 换行",
      send: "发送问题",
      stop: "停止生成",
      you: "你的问题：",
      bot: "回答：",
      searching: "正在查找相关文章…",
      sources: "来源",
      sourcesCount: (n) => `来源 · ${n}`,
      cite: (n, title) => `查看出处 ${n}：${title}`,
      openSource: (n, title) => `打开出处 ${n}：${title}`,
      copy: "复制回答",
      copied: "已复制到剪贴板",
      copyFailed: "无法复制",
      retry: "重试",
      stopped: "已停止生成",
      notFoundTitle: "未在文章中找到",
      notFoundHint: "试试换个说法，或者问问文章里提到的人物、地点、时间和数字。",
      errorTitle: "没能得到回答",
      networkError: "无法连接到问答服务。请检查网络，或确认本网站已被允许使用该服务。",
      interrupted: "回答在传输途中中断了。",
      serverError: (status) => `服务暂时出了问题（HTTP ${status}）。`,
      rejected: (status) => `请求未被接受（HTTP ${status}）`,
      emptyTitle: "问问这些新闻",
      emptyLead: "回答只用已收录文章里的原句写成，每句都带编号，可以一键核对原文。",
      tip1: "像问人一样提问：谁、何时、在哪里、多少。",
      tip2: "点击回答里的编号，查看原文并高亮被引用的句子。",
      tip3: "文章里没有的事，它会直接告诉你找不到。",
      dialogEyebrow: (n) => `出处 ${n}`,
      chars: (a, b) => `第 ${a}–${b} 字`,
      loadingSource: "正在载入原文…",
      sourceFailed: "暂时无法载入原文，下面是被引用的句子。",
      prev: "上一个出处",
      next: "下一个出处",
      untitled: "（无标题）",
      stoppedStatus: "已停止。",
      answerReady: "回答已生成。",
      newChatStatus: "已开始新对话。",
      timing: (ms) => (ms < 1000 ? `用时 ${Math.max(1, Math.round(ms))} 毫秒` : `用时 ${(ms / 1000).toFixed(1)} 秒`),
    },
    en: {
      brand: "News Q&A",
      tagline: "Answers with sources",
      taglineCount: (n) => `From ${n.toLocaleString("en")} news articles`,
      openLauncher: "Open News Q&A",
      closeLauncher: "Close News Q&A",
      close: "Close",
      newChat: "New conversation",
      langButton: "中文",
      langLabel: "切换到中文",
      logLabel: "Conversation",
      inputLabel: "Your question",
      placeholder: "Ask about the news, e.g. How many beds does the new ward have?",
      placeholderShort: "Ask about the news…",
      hint: "Enter to send · Shift + Enter for a new line",
      send: "Send question",
      stop: "Stop generating",
      you: "You asked:",
      bot: "Answer:",
      searching: "Searching the articles…",
      sources: "Sources",
      sourcesCount: (n) => `Sources · ${n}`,
      cite: (n, title) => `Show source ${n}: ${title}`,
      openSource: (n, title) => `Open source ${n}: ${title}`,
      copy: "Copy answer",
      copied: "Copied to the clipboard",
      copyFailed: "Could not copy",
      retry: "Retry",
      stopped: "Stopped",
      notFoundTitle: "Not found in the articles",
      notFoundHint: "Try rephrasing, or ask about the people, places, dates and numbers the articles mention.",
      errorTitle: "Couldn't get an answer",
      networkError: "Couldn't reach the answer service. Check your connection, or whether this site may use it.",
      interrupted: "The answer was interrupted on its way.",
      serverError: (status) => `The service ran into a problem (HTTP ${status}).`,
      rejected: (status) => `The request was not accepted (HTTP ${status})`,
      emptyTitle: "Ask the news",
      emptyLead: "Answers are built only from sentences in the indexed articles, each numbered so you can check the original.",
      tip1: "Ask like you would ask a person: who, when, where, how many.",
      tip2: "Click a number in an answer to read the source with the quote highlighted.",
      tip3: "If the articles don't say, it tells you so instead of guessing.",
      dialogEyebrow: (n) => `Source ${n}`,
      chars: (a, b) => `characters ${a}–${b}`,
      loadingSource: "Loading the article…",
      sourceFailed: "The article could not be loaded; here is the quoted passage.",
      prev: "Previous source",
      next: "Next source",
      untitled: "(untitled)",
      stoppedStatus: "Stopped.",
      answerReady: "Answer ready.",
      newChatStatus: "Started a new conversation.",
      timing: (ms) => (ms < 1000 ? `in ${Math.max(1, Math.round(ms))} ms` : `in ${(ms / 1000).toFixed(1)} s`),
    },
  };

  const storage = {
    get(key) {
      try {
        return window.sessionStorage.getItem(key);
      } catch (_) {
        return null; // storage blocked (third-party context, privacy mode)
      }
    },
    set(key, value) {
      try {
        if (value === null) window.sessionStorage.removeItem(key);
        else window.sessionStorage.setItem(key, value);
      } catch (_) {
        /* full or blocked: history is a convenience */
      }
    },
  };

  function initialLang() {
    const chosen = storage.get(LANG_KEY) || config.lang;
    if (chosen === "zh" || chosen === "en") return chosen;
    const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
    return /^zh\b/i.test(prefs[0] || "") ? "zh" : "en";
  }

  let lang = initialLang();
  const t = (key, ...args) => {
    const value = STRINGS[lang][key];
    return typeof value === "function" ? value(...args) : value;
  };

  // ---------------------------------------------------------------------------------------
  // DOM helpers: every string becomes a text node
  // ---------------------------------------------------------------------------------------
  const SVG_NS = "http://www.w3.org/2000/svg";

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") el.className = value;
        else if (key === "text") el.textContent = value;
        else if (key === "on") for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
        else if (key === "hidden") el.hidden = true;
        else el.setAttribute(key, value === true ? "" : String(value));
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  const ICONS = {
    chat: ["M20.5 11.5a8.5 8.5 0 0 1-12.4 7.55L3.5 20.5l1.45-4.45A8.5 8.5 0 1 1 20.5 11.5z", "M8.5 10h7M8.5 13.5h4.5"],
    close: ["M6 6l12 12", "M18 6L6 18"],
    send: ["M12 19V5", "M5.5 11.5L12 5l6.5 6.5"],
    plus: ["M12 5v14", "M5 12h14"],
    copy: ["M9 9h10v10H9z", "M5 15V5h10"],
    check: ["M5 12.5l4.5 4.5L19 7.5"],
    retry: ["M20 11a8 8 0 1 0-2.3 5.7", "M20 4v7h-7"],
    search: ["M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z", "M20 20l-4.8-4.8", "M8.5 8.5l4 4", "M12.5 8.5l-4 4"],
    alert: ["M12 8.5v4.5", "M12 16.5v.01", "M10.3 4.2L2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z"],
    doc: ["M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z", "M14 3v5h5", "M9 13h6M9 17h4"],
    left: ["M15 6l-6 6 6 6"],
    right: ["M9 6l6 6-6 6"],
    quote: ["M7 8h10M7 12h10M7 16h6"],
    stop: [],
  };

  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon icon-" + name);
    if (name === "stop") {
      const rect = document.createElementNS(SVG_NS, "rect");
      for (const [k, v] of Object.entries({ x: "7", y: "7", width: "10", height: "10", rx: "2" })) rect.setAttribute(k, v);
      svg.appendChild(rect);
    }
    for (const d of ICONS[name]) {
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    }
    return svg;
  }

  // ---------------------------------------------------------------------------------------
  // Styles (a constructed style sheet: no inline <style>, so a strict page CSP is fine)
  // ---------------------------------------------------------------------------------------
  const CSS = `
:host { all: initial; display: block; }
:host([mode="launcher"]) { position: static; width: 0; height: 0; }
:host([mode="page"]) { height: 100%; }
[hidden] { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
.root {
  --bg: #ffffff; --bg-page: #f5f6f8; --bg-soft: #f5f6f8; --bg-sunken: #eef0f3; --bg-user: #2f54d9;
  --text: #1a1d23; --text-2: #565f6b; --text-3: #8b939e; --text-user: #ffffff;
  --border: #e2e5ea; --border-strong: #cfd4db;
  --accent: #2f54d9; --accent-hover: #2647bd; --accent-text: #2f54d9; --accent-contrast: #ffffff; --accent-soft: #edf1fd;
  --mark: #ffe98a; --mark-text: #1a1d23;
  --notice-bg: #fbf7ee; --notice-border: #ecdcb6; --notice-icon: #a16a00; --notice-title: #6e4a00;
  --error-bg: #fdf2f2; --error-border: #f1c9c9; --error-icon: #c23b3b; --error-title: #962d2d;
  --focus: #2f54d9;
  --shadow-panel: 0 24px 60px -12px rgba(16, 24, 40, .28), 0 8px 20px -8px rgba(16, 24, 40, .14);
  --shadow-soft: 0 1px 2px rgba(16, 24, 40, .06);
  --radius: 14px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 15px; line-height: 1.65; font-weight: 400; letter-spacing: normal; word-spacing: normal;
  color: var(--text); text-align: start; text-transform: none; text-indent: 0; white-space: normal;
  font-style: normal; direction: ltr; cursor: auto; visibility: visible;
  -webkit-font-smoothing: antialiased; -moz-osx-font-smoothing: grayscale; -webkit-text-size-adjust: 100%;
}
.root:lang(zh) { line-height: 1.75; }
@media (prefers-color-scheme: dark) {
  .root {
    --bg: #17191e; --bg-page: #111317; --bg-soft: #1d2026; --bg-sunken: #23262d; --bg-user: #3b5bd6;
    --text: #e8eaee; --text-2: #a6aeb9; --text-3: #7c8591; --text-user: #ffffff;
    --border: #2c3038; --border-strong: #3a3f49;
    --accent: #6f8ff5; --accent-hover: #8aa3f7; --accent-text: #9bb0f8; --accent-contrast: #0e1222; --accent-soft: #222a44;
    --mark: #6b5a12; --mark-text: #fff7d6;
    --notice-bg: #272218; --notice-border: #4a3f24; --notice-icon: #e0b04f; --notice-title: #f0d390;
    --error-bg: #2b1b1d; --error-border: #57302f; --error-icon: #f08a8a; --error-title: #f6b4b4;
    --focus: #8aa3f7;
    --shadow-panel: 0 24px 60px -12px rgba(0, 0, 0, .6), 0 8px 20px -8px rgba(0, 0, 0, .5);
    --shadow-soft: 0 1px 2px rgba(0, 0, 0, .4);
    color-scheme: dark;
  }
}
button, textarea { font: inherit; color: inherit; letter-spacing: inherit; margin: 0; }
button { cursor: pointer; background: none; border: 0; padding: 0; -webkit-tap-highlight-color: transparent; }
button:disabled { cursor: default; }
:focus { outline: none; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
h2, h3, p, ol, ul { margin: 0; padding: 0; }
.icon { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; flex: none; }
.icon-stop { fill: currentColor; stroke: none; }
.sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

/* ---- frame ---- */
.panel { display: flex; flex-direction: column; background: var(--bg); color: var(--text); min-height: 0; }
.mode-page { height: 100%; background: var(--bg-page); }
.mode-page .panel { height: 100%; background: var(--bg-page); }
.mode-launcher .panel {
  position: fixed; z-index: 2147483000; right: 20px; bottom: 92px;
  width: 400px; height: min(660px, calc(100vh - 120px)); max-height: calc(100vh - 120px);
  border: 1px solid var(--border); border-radius: 18px; box-shadow: var(--shadow-panel); overflow: hidden;
  transform-origin: bottom right; animation: pop .18s ease-out;
}
@keyframes pop { from { opacity: 0; transform: translateY(8px) scale(.98); } to { opacity: 1; transform: none; } }
.launcher {
  position: fixed; z-index: 2147483000; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%;
  display: grid; place-items: center; background: var(--accent); color: var(--accent-contrast);
  box-shadow: 0 10px 24px -6px rgba(47, 84, 217, .55), 0 2px 6px rgba(16, 24, 40, .18);
  transition: transform .15s ease, background-color .15s ease;
}
.launcher:hover { background: var(--accent-hover); transform: translateY(-1px); }
.launcher .icon { width: 26px; height: 26px; }
.launcher.labelled { width: auto; border-radius: 28px; padding: 0 22px 0 16px; display: inline-flex; gap: 8px; }
.launcher-label { font-size: 15px; font-weight: 600; letter-spacing: .01em; }
.launcher:focus-visible { outline-offset: 3px; }

/* ---- header ---- */
.head { display: flex; align-items: center; gap: 12px; padding: 14px 14px 14px 18px; border-bottom: 1px solid var(--border); background: var(--bg); flex: none; }
.mode-page .head { padding: 14px max(20px, calc((100% - 800px) / 2)); }
.brand { display: flex; align-items: center; gap: 12px; min-width: 0; flex: 1; }
.logo { width: 36px; height: 36px; border-radius: 10px; background: var(--accent); color: var(--accent-contrast); display: grid; place-items: center; flex: none; }
.logo .icon { width: 22px; height: 22px; stroke-width: 2.2; }
.brand-text { min-width: 0; }
.title { font-size: 16px; font-weight: 650; line-height: 1.3; letter-spacing: -.005em; }
.tagline { font-size: 12.5px; color: var(--text-2); line-height: 1.4; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tools { display: flex; align-items: center; gap: 4px; flex: none; }
.tool { height: 34px; min-width: 34px; padding: 0 8px; border-radius: 9px; display: inline-flex; align-items: center; justify-content: center; gap: 6px; color: var(--text-2); font-size: 13px; font-weight: 550; transition: background-color .12s ease, color .12s ease; }
.tool:hover { background: var(--bg-sunken); color: var(--text); }
.tool .icon { width: 18px; height: 18px; }
.lang { border: 1px solid var(--border); padding: 0 10px; }
.tool-label { display: none; }
.mode-page .tool-label { display: inline; }

/* ---- log ---- */
.log { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; padding: 20px 18px 8px; scroll-behavior: smooth; }
.mode-page .log { padding: 28px max(20px, calc((100% - 800px) / 2)) 12px; }
.log:focus-visible { outline-offset: -2px; }
.turn { display: flex; flex-direction: column; gap: 12px; margin-bottom: 24px; }
.user { align-self: flex-end; max-width: 85%; }
.bubble { background: var(--bg-user); color: var(--text-user); padding: 9px 14px; border-radius: 16px 16px 4px 16px; white-space: pre-wrap; overflow-wrap: anywhere; box-shadow: var(--shadow-soft); }
.bot { align-self: stretch; max-width: 100%; }
.card { background: var(--bg); border: 1px solid var(--border); border-radius: var(--radius); padding: 14px 16px; box-shadow: var(--shadow-soft); }
.mode-launcher .card { background: var(--bg-soft); border-color: transparent; box-shadow: none; }
.answer { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15.5px; }
.pending { display: flex; align-items: center; gap: 10px; color: var(--text-2); font-size: 14px; }
.dots { display: inline-flex; gap: 4px; }
.dots span { width: 6px; height: 6px; border-radius: 50%; background: var(--accent); opacity: .35; animation: blink 1.1s infinite ease-in-out; }
.dots span:nth-child(2) { animation-delay: .15s; }
.dots span:nth-child(3) { animation-delay: .3s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-2px); } }
.caret { display: inline-block; width: 2px; height: 1.05em; margin-left: 2px; vertical-align: -2px; background: var(--accent); animation: caret 1s steps(2) infinite; }
@keyframes caret { 50% { opacity: 0; } }
.cite {
  display: inline-flex; align-items: center; justify-content: center; min-width: 20px; height: 20px; padding: 0 5px; margin: 0 2px;
  border-radius: 6px; background: var(--accent-soft); color: var(--accent-text); font-size: 12px; font-weight: 650; line-height: 1;
  vertical-align: 2px; font-variant-numeric: tabular-nums; transition: background-color .12s ease, color .12s ease;
}
.cite:hover { background: var(--accent); color: var(--accent-contrast); }

/* ---- sources ---- */
.sources { margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--border); }
.sources-title { font-size: 12px; font-weight: 650; color: var(--text-3); text-transform: uppercase; letter-spacing: .06em; margin-bottom: 8px; }
.sources ol { list-style: none; display: grid; gap: 6px; }
.source { width: 100%; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; text-align: start; padding: 8px 10px; border-radius: 10px; border: 1px solid var(--border); background: var(--bg); transition: border-color .12s ease, background-color .12s ease; }
.source:hover { border-color: var(--border-strong); background: var(--bg-soft); }
.source .num { grid-row: span 2; align-self: start; margin-top: 1px; display: inline-grid; place-items: center; min-width: 22px; height: 22px; padding: 0 5px; border-radius: 6px; background: var(--accent-soft); color: var(--accent-text); font-size: 12px; font-weight: 650; font-variant-numeric: tabular-nums; }
.source-title { font-size: 14px; font-weight: 600; line-height: 1.45; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.source-meta { font-size: 12.5px; color: var(--text-2); line-height: 1.5; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; min-width: 0; }
.source-file { color: var(--text-3); }

/* ---- actions ---- */
.actions { display: flex; align-items: center; gap: 4px; margin-top: 10px; flex-wrap: wrap; }
.action { height: 30px; padding: 0 10px; border-radius: 8px; display: inline-flex; align-items: center; gap: 6px; font-size: 13px; color: var(--text-2); }
.action:hover { background: var(--bg-sunken); color: var(--text); }
.action .icon { width: 16px; height: 16px; }
.action.primary { color: var(--accent-text); background: var(--accent-soft); font-weight: 600; }
.action.primary:hover { background: var(--accent); color: var(--accent-contrast); }
.meta { margin-left: auto; font-size: 12px; color: var(--text-3); }
.tag { display: inline-flex; align-items: center; gap: 6px; margin-top: 10px; font-size: 12.5px; color: var(--text-3); }

/* ---- notices: refusal (neutral) and error ---- */
.notice { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; padding: 14px 16px; border-radius: var(--radius); border: 1px solid; }
.notice > .icon { grid-row: span 3; width: 22px; height: 22px; margin-top: 1px; }
.notice-title { font-weight: 650; font-size: 15px; line-height: 1.45; }
.notice-text { font-size: 14.5px; }
.notice-hint { font-size: 13px; color: var(--text-2); }
.notfound { background: var(--notice-bg); border-color: var(--notice-border); }
.notfound > .icon { color: var(--notice-icon); }
.notfound .notice-title { color: var(--notice-title); }
.error { background: var(--error-bg); border-color: var(--error-border); }
.error > .icon { color: var(--error-icon); }
.error .notice-title { color: var(--error-title); }
.notice .actions { grid-column: 2; margin-top: 6px; }

/* ---- empty state ---- */
.empty { max-width: 520px; margin: 8px auto 0; padding: 8px 4px; }
.mode-page .empty { margin-top: 6vh; }
.empty-title { font-size: 22px; font-weight: 700; letter-spacing: -.01em; line-height: 1.3; margin-bottom: 8px; }
.mode-launcher .empty-title { font-size: 19px; }
.empty-lead { color: var(--text-2); margin-bottom: 18px; }
.tips { list-style: none; display: grid; gap: 10px; }
.tip { display: grid; grid-template-columns: auto 1fr; gap: 12px; align-items: start; padding: 12px 14px; border: 1px solid var(--border); border-radius: 12px; background: var(--bg); font-size: 14px; color: var(--text-2); }
.tip .icon { width: 18px; height: 18px; color: var(--accent-text); margin-top: 3px; }

/* ---- composer ---- */
.composer-wrap { flex: none; padding: 10px 14px 12px; background: var(--bg); border-top: 1px solid var(--border); }
.mode-page .composer-wrap { background: linear-gradient(to bottom, transparent, var(--bg-page) 28%); border-top: 0; padding: 8px max(20px, calc((100% - 800px) / 2)) 18px; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 6px 6px 6px 14px; border: 1px solid var(--border-strong); border-radius: 16px; background: var(--bg); transition: border-color .12s ease, box-shadow .12s ease; }
.mode-page .composer { box-shadow: 0 6px 24px -10px rgba(16, 24, 40, .18); }
.composer:focus-within { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
.input { flex: 1; min-width: 0; resize: none; border: 0; background: transparent; padding: 7px 0; max-height: 160px; min-height: 24px; line-height: 1.5; font-size: 15.5px; outline: none; }
.input::placeholder { color: var(--text-3); opacity: 1; }
.input:focus-visible { outline: none; }
.send, .stop { width: 38px; height: 38px; border-radius: 11px; display: grid; place-items: center; flex: none; transition: background-color .12s ease, opacity .12s ease; }
.send { background: var(--accent); color: var(--accent-contrast); }
.send:hover:not(:disabled) { background: var(--accent-hover); }
.send:disabled { opacity: .35; }
.stop { background: var(--text); color: var(--bg); }
.stop .icon { width: 16px; height: 16px; }
.hint { margin-top: 6px; font-size: 11.5px; color: var(--text-3); text-align: center; }

/* ---- source dialog ---- */
.backdrop { position: fixed; inset: 0; z-index: 2147483001; background: rgba(12, 16, 24, .42); display: flex; align-items: center; justify-content: center; padding: 24px; animation: fade .15s ease-out; }
@keyframes fade { from { opacity: 0; } to { opacity: 1; } }
.dialog { width: 100%; max-width: 680px; max-height: min(760px, 100%); display: flex; flex-direction: column; background: var(--bg); color: var(--text); border-radius: 18px; box-shadow: var(--shadow-panel); border: 1px solid var(--border); overflow: hidden; }
.dialog-head { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; padding: 18px 18px 14px 22px; border-bottom: 1px solid var(--border); }
.eyebrow { font-size: 12px; font-weight: 650; color: var(--accent-text); letter-spacing: .04em; text-transform: uppercase; }
.dialog-title { grid-column: 1; font-size: 18px; font-weight: 650; line-height: 1.4; overflow-wrap: anywhere; }
.dialog-file { grid-column: 1; display: flex; align-items: center; gap: 6px; font-size: 13px; color: var(--text-2); overflow-wrap: anywhere; }
.dialog-file .icon { width: 15px; height: 15px; }
.dialog-close { grid-column: 2; grid-row: 1 / span 3; align-self: start; }
.context { position: relative; flex: 1; min-height: 0; overflow-y: auto; padding: 18px 22px 22px; font-size: 15.5px; line-height: 1.9; white-space: pre-wrap; overflow-wrap: anywhere; }
.context:lang(zh) { line-height: 1.95; }
.context mark { background: var(--mark); color: var(--mark-text); border-radius: 3px; padding: 1px 1px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.context .ellipsis { color: var(--text-3); }
.context-note { font-size: 13px; color: var(--text-2); margin-bottom: 10px; white-space: normal; }
.dialog-foot .action { margin-left: auto; }
.dialog-foot { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 14px; border-top: 1px solid var(--border); background: var(--bg-soft); }
.pager { display: flex; align-items: center; gap: 4px; font-size: 13px; color: var(--text-2); }
.pager .tool:disabled { opacity: .35; }
.pager .tool:disabled:hover { background: none; }
.skeleton { display: grid; gap: 10px; }
.skeleton span { height: 14px; border-radius: 6px; background: var(--bg-sunken); animation: shimmer 1.2s infinite ease-in-out; }
.skeleton span:nth-child(2) { width: 92%; } .skeleton span:nth-child(3) { width: 70%; }
@keyframes shimmer { 50% { opacity: .5; } }

/* ---- small screens ---- */
@media (max-width: 480px) {
  .mode-launcher .panel { right: 0; bottom: 0; left: 0; top: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; border: 0; }
  .mode-launcher.is-open .launcher { display: none; }
  .launcher { right: 16px; bottom: 16px; }
  .launcher.labelled { width: 56px; padding: 0; border-radius: 50%; display: grid; }
  .launcher-label { display: none; }
  .head { padding: 10px 10px 10px 14px; gap: 8px; }
  .mode-page .head { padding: 10px 12px 10px 16px; }
  .logo { width: 32px; height: 32px; border-radius: 9px; }
  .mode-page .tool-label { display: none; }
  .log, .mode-page .log { padding: 16px 14px 8px; }
  .composer-wrap, .mode-page .composer-wrap { padding: 8px 10px 10px; }
  .hint { display: none; }
  .user { max-width: 90%; }
  .card { padding: 12px 14px; }
  .backdrop { padding: 0; align-items: flex-end; }
  .dialog { max-height: 92%; border-radius: 18px 18px 0 0; border-width: 1px 0 0; }
  .dialog-head { padding: 16px 12px 12px 18px; }
  .context { padding: 16px 18px 20px; }
  .empty-title { font-size: 19px; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
@media (forced-colors: active) {
  .cite, .source .num, .send, .launcher { border: 1px solid CanvasText; }
  .context mark { forced-color-adjust: none; background: Mark; color: MarkText; }
}
`;

  function adoptStyles(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (_) {
      root.appendChild(h("style", { text: CSS })); // older engines without constructable sheets
    }
  }

  // ---------------------------------------------------------------------------------------
  // Mount
  // ---------------------------------------------------------------------------------------
  const host = document.createElement("ragqa-chat");
  host.setAttribute("mode", config.mode);
  const shadow = host.attachShadow({ mode: "open" });
  adoptStyles(shadow);

  const ids = { panel: "rq-panel", title: "rq-title", input: "rq-input", hint: "rq-hint", dialogTitle: "rq-src-title", dialogFile: "rq-src-file" };

  const state = {
    open: config.mode === "page",
    turns: loadHistory(),
    busy: false,
    controller: null,
    articles: null,
    statsRequested: false,
    dialog: null, // { turn, index, opener, request }
  };

  // Static chrome. Texts are (re)applied by applyLang().
  const el = {};
  el.root = h("div", { class: "root mode-" + config.mode });
  el.logoMark = h("span", { class: "logo", "aria-hidden": "true" }, icon("quote"));
  el.title = h("h2", { class: "title", id: ids.title });
  el.tagline = h("p", { class: "tagline" });
  el.newChat = h("button", { type: "button", class: "tool new-chat", on: { click: newConversation } }, icon("plus"), h("span", { class: "tool-label" }));
  el.lang = h("button", { type: "button", class: "tool lang", on: { click: toggleLang } });
  el.close = config.mode === "launcher" ? h("button", { type: "button", class: "tool close", on: { click: () => setOpen(false, true) } }, icon("close")) : null;
  el.head = h("header", { class: "head" },
    h("div", { class: "brand" }, el.logoMark, h("div", { class: "brand-text" }, el.title, el.tagline)),
    h("div", { class: "tools" }, el.newChat, el.lang, el.close));
  el.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  el.inputLabel = h("label", { class: "sr-only", for: ids.input });
  el.input = h("textarea", { class: "input", id: ids.input, rows: "1", enterkeyhint: "send", autocomplete: "off", "aria-describedby": ids.hint, maxlength: "2000" });
  el.send = h("button", { type: "submit", class: "send", disabled: true }, icon("send"));
  el.stop = h("button", { type: "button", class: "stop", hidden: true, on: { click: stopAnswer } }, icon("stop"));
  el.form = h("form", { class: "composer", on: { submit: onSubmit } }, el.inputLabel, el.input, el.stop, el.send);
  el.hint = h("p", { class: "hint", id: ids.hint });
  el.status = h("div", { class: "sr-only", role: "status", "aria-live": "polite" });
  el.panel = h("section", { class: "panel", id: ids.panel, "aria-labelledby": ids.title },
    el.head, el.log, h("div", { class: "composer-wrap" }, el.form, el.hint), el.status);
  if (config.mode === "launcher") {
    el.panel.setAttribute("role", "dialog");
    el.panel.setAttribute("aria-modal", "false");
    el.panel.hidden = true;
    el.launcher = h("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": ids.panel, on: { click: () => setOpen(!state.open, true) } });
    el.root.append(el.panel, el.launcher);
  } else {
    el.root.append(el.panel);
  }
  shadow.appendChild(el.root);

  el.input.addEventListener("input", () => {
    autosize();
    updateComposer();
  });
  el.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      el.form.requestSubmit ? el.form.requestSubmit() : onSubmit(event);
    }
  });
  el.root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !state.dialog && config.mode === "launcher" && state.open) {
      event.stopPropagation();
      setOpen(false, true);
    }
  });

  function mount() {
    const target = config.target ? document.querySelector(config.target) : null;
    (target || document.body).appendChild(host);
    applyLang();
    renderLog();
    updateComposer();
    if (state.open) onOpened(false);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });

  // ---------------------------------------------------------------------------------------
  // Language
  // ---------------------------------------------------------------------------------------
  function applyLang() {
    el.root.setAttribute("lang", lang === "zh" ? "zh-CN" : "en");
    el.title.textContent = t("brand");
    el.tagline.textContent = state.articles ? t("taglineCount", state.articles) : t("tagline");
    el.newChat.setAttribute("aria-label", t("newChat"));
    el.newChat.setAttribute("title", t("newChat"));
    el.newChat.querySelector(".tool-label").textContent = t("newChat");
    el.lang.textContent = t("langButton");
    el.lang.setAttribute("aria-label", t("langLabel"));
    el.lang.setAttribute("lang", lang === "zh" ? "en" : "zh-CN");
    el.lang.setAttribute("title", t("langLabel"));
    if (el.close) {
      el.close.setAttribute("aria-label", t("close"));
      el.close.setAttribute("title", t("close"));
    }
    el.log.setAttribute("aria-label", t("logLabel"));
    el.inputLabel.textContent = t("inputLabel");
    el.input.setAttribute("placeholder", window.matchMedia("(max-width: 480px)").matches || config.mode === "launcher" ? t("placeholderShort") : t("placeholder"));
    el.send.setAttribute("aria-label", t("send"));
    el.send.setAttribute("title", t("send"));
    el.stop.setAttribute("aria-label", t("stop"));
    el.stop.setAttribute("title", t("stop"));
    el.hint.textContent = t("hint");
    if (el.launcher) {
      el.launcher.setAttribute("aria-label", state.open ? t("closeLauncher") : t("openLauncher"));
      el.launcher.classList.toggle("labelled", !state.open);
      el.launcher.replaceChildren(icon(state.open ? "close" : "chat"));
      if (!state.open) el.launcher.append(h("span", { class: "launcher-label", text: t("brand") }));
    }
  }

  function toggleLang() {
    lang = lang === "zh" ? "en" : "zh";
    storage.set(LANG_KEY, lang);
    applyLang();
    renderLog();
    if (state.dialog) renderDialog();
    el.lang.focus();
  }

  // ---------------------------------------------------------------------------------------
  // Open / close (launcher mode)
  // ---------------------------------------------------------------------------------------
  function setOpen(open, focus) {
    if (config.mode !== "launcher" || open === state.open) return;
    state.open = open;
    el.panel.hidden = !open;
    el.root.classList.toggle("is-open", open);
    el.launcher.setAttribute("aria-expanded", String(open));
    applyLang();
    if (open) onOpened(focus);
    else if (focus) el.launcher.focus();
  }

  function onOpened(focus) {
    scrollToEnd(false);
    if (focus) el.input.focus();
    loadStats();
  }

  function loadStats() {
    if (state.statsRequested) return;
    state.statsRequested = true;
    fetch(config.api + "/readyz", { credentials: "omit" })
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => {
        if (body && typeof body.articles === "number" && body.articles > 0) {
          state.articles = body.articles;
          applyLang();
        }
      })
      .catch(() => {
        /* the tagline just stays generic */
      });
  }

  // ---------------------------------------------------------------------------------------
  // History
  // ---------------------------------------------------------------------------------------
  function loadHistory() {
    try {
      const saved = JSON.parse(storage.get(STORE_KEY) || "[]");
      if (!Array.isArray(saved)) return [];
      return saved
        .filter((x) => x && typeof x.question === "string")
        .map((x) => ({ ...x, id: nextId(), status: x.status === "streaming" ? "stopped" : x.status }));
    } catch (_) {
      return [];
    }
  }

  function saveHistory() {
    const turns = state.turns.slice(-MAX_TURNS).map((turn) => ({
      question: turn.question,
      status: turn.status,
      text: turn.text || "",
      citations: turn.status === "done" ? [] : turn.citations || [],
      response: turn.response || null,
      error: turn.error || null,
    }));
    storage.set(STORE_KEY, turns.length ? JSON.stringify(turns) : null);
  }

  function nextId() {
    idCounter += 1;
    return idCounter;
  }

  function newConversation() {
    if (state.busy) stopAnswer();
    state.turns = [];
    saveHistory();
    renderLog();
    announce(t("newChatStatus"));
    el.input.focus();
  }

  // ---------------------------------------------------------------------------------------
  // Asking
  // ---------------------------------------------------------------------------------------
  function onSubmit(event) {
    event.preventDefault();
    const question = el.input.value.trim();
    if (!question || state.busy) return;
    el.input.value = "";
    autosize();
    const turn = { id: nextId(), question, status: "streaming", text: "", citations: [], response: null, error: null };
    state.turns.push(turn);
    if (state.turns.length > MAX_TURNS) state.turns.splice(0, state.turns.length - MAX_TURNS);
    appendTurn(turn);
    run(turn);
  }

  function retry(turn) {
    if (state.busy) return;
    Object.assign(turn, { status: "streaming", text: "", citations: [], response: null, error: null });
    replaceTurn(turn);
    run(turn, true);
  }

  function stopAnswer() {
    if (state.controller) state.controller.abort();
  }

  async function run(turn, focusInputAfter) {
    state.busy = true;
    const controller = new AbortController();
    state.controller = controller;
    updateComposer();
    scrollToEnd(true);
    try {
      const res = await fetch(config.api + "/v1/ask", {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: turn.question, top_k: config.topK, stream: true }),
        credentials: "omit",
        signal: controller.signal,
      });
      if (!res.ok) throw await httpError(res);
      if (!(res.headers.get("content-type") || "").includes("text/event-stream")) {
        turn.response = await res.json(); // a server that ignores "stream"
      } else {
        await readStream(turn, res.body);
      }
      if (!turn.response) throw Object.assign(new Error(t("interrupted")), { kind: "interrupted" });
      turn.status = "done";
      announce(t("answerReady"));
      emit("ragqa:done", { question: turn.question, response: turn.response });
    } catch (err) {
      if (err && err.name === "AbortError") {
        turn.status = "stopped";
        announce(t("stoppedStatus"));
      } else {
        turn.status = "error";
        turn.error = describeError(err);
        emit("ragqa:error", { question: turn.question, error: turn.error });
      }
    } finally {
      if (state.controller === controller) state.controller = null;
      state.busy = false;
      replaceTurn(turn);
      saveHistory();
      updateComposer();
      scrollToEnd(true);
      const active = shadow.activeElement;
      const lost = active === null && (document.activeElement === host || document.activeElement === document.body);
      if (focusInputAfter || active === el.stop || lost) el.input.focus({ preventScroll: true });
    }
  }

  /** Apply the stream's events; a connection lost half-way is "interrupted", not "unreachable". */
  async function readStream(turn, body) {
    try {
      for await (const event of readEvents(body)) handleEvent(turn, event);
    } catch (err) {
      if (err && (err.name === "AbortError" || err.kind)) throw err;
      throw Object.assign(new Error(t("interrupted")), { kind: "interrupted" });
    }
  }

  function handleEvent(turn, { event, data }) {
    let payload;
    try {
      payload = JSON.parse(data);
    } catch (_) {
      return;
    }
    if (event === "citations" && Array.isArray(payload)) {
      turn.citations = payload;
    } else if (event === "delta" && payload && typeof payload.text === "string") {
      turn.text += payload.text;
      updateStreaming(turn);
      emit("ragqa:delta", { text: payload.text, answer: turn.text });
    } else if (event === "done" && payload && typeof payload.answer === "string") {
      turn.response = payload;
    } else if (event === "error") {
      const message = (payload && payload.error && payload.error.message) || t("interrupted");
      throw Object.assign(new Error(message), { kind: "server" });
    }
  }

  async function* readEvents(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        // normalise line ends, but keep a trailing \r: it may be the first half of a \r\n
        const tail = buffer.endsWith("\r") ? "\r" : "";
        buffer = buffer.slice(0, buffer.length - tail.length).replace(/\r\n?/g, "\n") + tail;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = parseEvent(block);
          if (event) yield event;
        }
      }
      buffer = (buffer + decoder.decode()).replace(/\r\n?/g, "\n");
      const last = parseEvent(buffer);
      if (last) yield last;
    } finally {
      reader.releaseLock();
    }
  }

  function parseEvent(block) {
    let event = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line[0] === ":") continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value[0] === " ") value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    return data.length ? { event, data: data.join("\n") } : null;
  }

  async function httpError(res) {
    let message = "";
    try {
      const body = await res.json();
      message = (body && body.error && body.error.message) || "";
    } catch (_) {
      /* not JSON */
    }
    return Object.assign(new Error(message), { kind: "http", status: res.status });
  }

  function describeError(err) {
    if (err && err.kind === "http") {
      if (err.status >= 500) return { title: t("errorTitle"), message: t("serverError", err.status) };
      return { title: t("rejected", err.status), message: err.message || "" };
    }
    if (err && (err.kind === "interrupted" || err.kind === "server")) return { title: t("errorTitle"), message: err.message };
    return { title: t("errorTitle"), message: t("networkError") };
  }

  function emit(type, detail) {
    host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  // ---------------------------------------------------------------------------------------
  // Rendering the conversation
  // ---------------------------------------------------------------------------------------
  function renderLog() {
    const atEnd = isNearEnd();
    const nodes = state.turns.length ? state.turns.map(renderTurn) : [renderEmpty()];
    el.log.replaceChildren(...nodes);
    if (atEnd || state.busy) scrollToEnd(false);
  }

  /** Swap in the turn's new answer only: the live log then announces just that, not the question again. */
  function replaceTurn(turn) {
    const old = turn.botNode;
    if (!old || !turn.node || turn.node.parentNode !== el.log) {
      renderLog();
      return;
    }
    const fresh = renderBot(turn);
    old.replaceWith(fresh);
    turn.botNode = fresh;
    turn.node.setAttribute("data-status", turn.status);
  }

  /** Add a new turn at the end without re-rendering (and so re-announcing) the conversation. */
  function appendTurn(turn) {
    const empty = el.log.querySelector(".empty");
    if (empty) empty.remove();
    while (el.log.children.length >= MAX_TURNS) el.log.firstElementChild.remove();
    el.log.appendChild(renderTurn(turn));
    scrollToEnd(false);
  }

  function renderEmpty() {
    return h("div", { class: "empty" },
      h("h3", { class: "empty-title", text: t("emptyTitle") }),
      h("p", { class: "empty-lead", text: t("emptyLead") }),
      h("ul", { class: "tips" },
        h("li", { class: "tip" }, icon("chat"), h("span", { text: t("tip1") })),
        h("li", { class: "tip" }, icon("doc"), h("span", { text: t("tip2") })),
        h("li", { class: "tip" }, icon("search"), h("span", { text: t("tip3") }))));
  }

  function renderTurn(turn) {
    const bot = renderBot(turn);
    const node = h("div", { class: "turn", "data-status": turn.status },
      h("div", { class: "user" }, h("p", { class: "bubble" }, h("span", { class: "sr-only", text: t("you") }), turn.question)),
      bot);
    turn.node = node;
    turn.botNode = bot;
    return node;
  }

  function renderBot(turn) {
    const bot = h("article", { class: "bot", "aria-busy": turn.status === "streaming" ? "true" : "false" }, h("span", { class: "sr-only", text: t("bot") }));
    if (turn.status === "streaming") {
      const answer = h("div", { class: "answer", "data-state": "streaming" });
      turn.answerNode = answer;
      bot.append(h("div", { class: "card" }, answer));
      fillStreaming(turn);
      return bot;
    }
    turn.answerNode = null;
    const response = turn.response;
    if (turn.status === "done" && response && response.answerable === false) {
      bot.classList.add("is-refusal");
      bot.append(h("div", { class: "notice notfound", role: "note" },
        icon("search"),
        h("p", { class: "notice-title", text: t("notFoundTitle") }),
        h("p", { class: "notice-text", text: response.answer }),
        h("p", { class: "notice-hint", text: t("notFoundHint") })));
      return bot;
    }
    if (turn.status === "done" && response) {
      const citations = Array.isArray(response.citations) ? response.citations : [];
      const card = h("div", { class: "card" },
        h("div", { class: "answer", "data-state": "done" }, answerNodes(response.answer, citations, turn)));
      if (citations.length) card.append(renderSources(turn, citations));
      card.append(h("div", { class: "actions" },
        actionButton("copy", t("copy"), () => copyAnswer(turn), "copy"),
        h("span", { class: "meta", text: timing(response) })));
      bot.append(card);
      return bot;
    }
    if (turn.status === "stopped") {
      const card = h("div", { class: "card" });
      if (turn.text) card.append(h("div", { class: "answer", "data-state": "stopped" }, answerNodes(turn.text, turn.citations || [], turn)));
      card.append(h("div", { class: "actions" },
        h("span", { class: "tag", text: t("stopped") }),
        actionButton("retry", t("retry"), () => retry(turn), "retry primary")));
      bot.append(card);
      return bot;
    }
    const error = turn.error || { title: t("errorTitle"), message: t("networkError") };
    bot.classList.add("is-error");
    bot.append(h("div", { class: "notice error", role: "alert" },
      icon("alert"),
      h("p", { class: "notice-title", text: error.title }),
      error.message ? h("p", { class: "notice-text", text: error.message }) : null,
      h("div", { class: "actions" }, actionButton("retry", t("retry"), () => retry(turn), "retry primary"))));
    return bot;
  }

  function fillStreaming(turn) {
    const node = turn.answerNode;
    if (!node) return;
    if (!turn.text) {
      node.replaceChildren(h("span", { class: "pending" },
        h("span", { class: "dots", "aria-hidden": "true" }, h("span"), h("span"), h("span")),
        h("span", { text: t("searching") })));
      return;
    }
    node.replaceChildren(...answerNodes(turn.text, turn.citations || [], turn), h("span", { class: "caret", "aria-hidden": "true" }));
  }

  function updateStreaming(turn) {
    const nearEnd = isNearEnd();
    fillStreaming(turn);
    if (nearEnd) scrollToEnd(false);
  }

  /** The answer text with each [n] marker that names a citation turned into a button. */
  function answerNodes(text, citations, turn) {
    const byId = new Map(citations.map((c) => [c.id, c]));
    const out = [];
    const pattern = /\[(\d{1,3})\]/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text))) {
      const citation = byId.get(Number(match[1]));
      if (!citation) continue;
      if (match.index > last) out.push(document.createTextNode(text.slice(last, match.index)));
      out.push(h("button", {
        type: "button", class: "cite", "data-cite": String(citation.id),
        "aria-label": t("cite", citation.id, citationTitle(citation)),
        title: citationTitle(citation),
        on: { click: (event) => openSource(turn, citation.id, event.currentTarget) },
      }, String(citation.id)));
      last = pattern.lastIndex;
    }
    if (last < text.length) out.push(document.createTextNode(text.slice(last)));
    return out;
  }

  function renderSources(turn, citations) {
    const headingId = "rq-src-h-" + turn.id;
    return h("section", { class: "sources", "aria-labelledby": headingId },
      h("h3", { class: "sources-title", id: headingId, text: t("sourcesCount", citations.length) }),
      h("ol", null, citations.map((c) => h("li", null,
        h("button", {
          type: "button", class: "source", "data-source": String(c.id),
          "aria-label": t("openSource", c.id, citationTitle(c)),
          on: { click: (event) => openSource(turn, c.id, event.currentTarget) },
        },
        h("span", { class: "num", "aria-hidden": "true", text: String(c.id) }),
        h("span", { class: "source-title", text: citationTitle(c) }),
        h("span", { class: "source-meta" },
          h("span", { class: "source-file", text: c.source }),
          h("span", { "aria-hidden": "true", text: " · " }),
          h("span", { text: clip(c.text, 90) })))))));
  }

  function actionButton(name, label, onClick, cls) {
    return h("button", { type: "button", class: "action " + cls, on: { click: onClick } }, icon(name), h("span", { text: label }));
  }

  function citationTitle(c) {
    return (c && (c.title || c.source)) || t("untitled");
  }

  function clip(text, n) {
    const flat = String(text || "").replace(/\s+/g, " ").trim();
    return flat.length > n ? flat.slice(0, n - 1) + "…" : flat;
  }

  function timing(response) {
    const ms = response && response.timings_ms && response.timings_ms.total_ms;
    return typeof ms === "number" ? t("timing", ms) : "";
  }

  function announce(message) {
    el.status.textContent = "";
    window.setTimeout(() => {
      el.status.textContent = message;
    }, 30);
  }

  function updateComposer() {
    el.send.hidden = state.busy;
    el.stop.hidden = !state.busy;
    el.send.disabled = state.busy || !el.input.value.trim();
  }

  function autosize() {
    el.input.style.height = "auto";
    el.input.style.height = Math.min(el.input.scrollHeight, 160) + "px";
  }

  function isNearEnd() {
    return el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 80;
  }

  function scrollToEnd(smooth) {
    if (!el.log.isConnected) return;
    el.log.scrollTo({ top: el.log.scrollHeight, behavior: smooth ? "smooth" : "auto" });
  }

  async function copyAnswer(turn) {
    const response = turn.response;
    if (!response) return;
    const lines = [response.answer];
    if (response.citations && response.citations.length) {
      lines.push("", t("sources") + ":");
      for (const c of response.citations) lines.push(`[${c.id}] ${citationTitle(c)} (${c.source})`);
    }
    const text = lines.join("\n");
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (_) {
      ok = legacyCopy(text);
    }
    announce(ok ? t("copied") : t("copyFailed"));
    const button = turn.node && turn.node.querySelector(".action.copy");
    if (button && ok) {
      button.replaceChildren(icon("check"), h("span", { text: t("copied") }));
      window.setTimeout(() => {
        if (button.isConnected) button.replaceChildren(icon("copy"), h("span", { text: t("copy") }));
      }, 1800);
    }
  }

  function legacyCopy(text) {
    const area = h("textarea", { class: "sr-only", readonly: true, "aria-hidden": "true" });
    area.value = text;
    el.root.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (_) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  // ---------------------------------------------------------------------------------------
  // Source view: a modal dialog with the cited span highlighted in its article
  // ---------------------------------------------------------------------------------------
  function turnCitations(turn) {
    if (turn.response && Array.isArray(turn.response.citations) && turn.response.citations.length) return turn.response.citations;
    return turn.citations || [];
  }

  function openSource(turn, id, opener) {
    const citations = turnCitations(turn);
    const index = citations.findIndex((c) => c.id === id);
    if (index < 0) return;
    if (!state.dialog) {
      state.dialog = { turn, index, opener, request: null, cache: new Map() };
      el.backdrop = h("div", { class: "backdrop", on: { mousedown: (e) => { if (e.target === el.backdrop) closeSource(); } } });
      el.root.appendChild(el.backdrop);
      el.panel.inert = true;
      if (el.launcher) el.launcher.inert = true;
    } else {
      Object.assign(state.dialog, { turn, index });
    }
    renderDialog();
    const close = el.backdrop.querySelector(".dialog-close");
    if (close) close.focus();
  }

  function closeSource() {
    const dialog = state.dialog;
    if (!dialog) return;
    if (dialog.request) dialog.request.abort();
    state.dialog = null;
    el.backdrop.remove();
    el.backdrop = null;
    el.panel.inert = false;
    if (el.launcher) el.launcher.inert = false;
    const opener = dialog.opener;
    if (opener && opener.isConnected) opener.focus();
    else {
      const again = dialog.turn.node && dialog.turn.node.querySelector(`[data-cite="${Number(turnCitations(dialog.turn)[dialog.index].id)}"]`);
      (again || el.input).focus();
    }
  }

  function renderDialog() {
    const dialog = state.dialog;
    const citations = turnCitations(dialog.turn);
    const citation = citations[dialog.index];
    const context = h("div", { class: "context", role: "region", tabindex: "0", "aria-labelledby": ids.dialogTitle });
    const titleNode = h("h2", { class: "dialog-title", id: ids.dialogTitle, text: citationTitle(citation) });
    const fileNode = h("p", { class: "dialog-file", id: ids.dialogFile }, icon("doc"), h("span", { text: `${citation.source} · ${t("chars", citation.start, citation.end)}` }));
    const prev = h("button", { type: "button", class: "tool", "aria-label": t("prev"), title: t("prev"), disabled: dialog.index === 0, on: { click: () => step(-1) } }, icon("left"));
    const next = h("button", { type: "button", class: "tool", "aria-label": t("next"), title: t("next"), disabled: dialog.index >= citations.length - 1, on: { click: () => step(1) } }, icon("right"));
    const box = h("div", {
      class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": ids.dialogTitle, "aria-describedby": ids.dialogFile,
      on: { keydown: dialogKeys },
    },
    h("header", { class: "dialog-head" },
      h("p", { class: "eyebrow", text: t("dialogEyebrow", citation.id) }),
      titleNode, fileNode,
      h("button", { type: "button", class: "tool dialog-close", "aria-label": t("close"), title: t("close"), on: { click: closeSource } }, icon("close"))),
    context,
    h("footer", { class: "dialog-foot" },
      h("div", { class: "pager", hidden: citations.length < 2 }, prev, h("span", { "aria-live": "polite", text: `${dialog.index + 1} / ${citations.length}` }), next),
      h("button", { type: "button", class: "action", on: { click: closeSource } }, h("span", { text: t("close") }))));
    const focused = shadow.activeElement;
    const hadFocusOn = focused && el.backdrop.contains(focused) ? focused.getAttribute("aria-label") : null;
    el.backdrop.replaceChildren(box);
    if (hadFocusOn) {
      const same = Array.from(box.querySelectorAll("button")).find((b) => b.getAttribute("aria-label") === hadFocusOn && !b.disabled);
      (same || box.querySelector(".dialog-close")).focus();
    }

    const key = `${citation.source}\u0000${citation.start}\u0000${citation.end}`;
    const cached = dialog.cache.get(key);
    if (cached) {
      showContext(context, titleNode, citation, cached);
      return;
    }
    context.replaceChildren(h("p", { class: "sr-only", text: t("loadingSource") }), h("div", { class: "skeleton", "aria-hidden": "true" }, h("span"), h("span"), h("span")));
    if (dialog.request) dialog.request.abort();
    const controller = new AbortController();
    dialog.request = controller;
    const url = `${config.api}/v1/documents/${encodePath(citation.source)}/text?start=${citation.start}&end=${citation.end}&context=320`;
    fetch(url, { headers: auth, credentials: "omit", signal: controller.signal })
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error("HTTP " + res.status))))
      .then((body) => {
        dialog.cache.set(key, body);
        if (state.dialog === dialog && citations[dialog.index] === citation) showContext(context, titleNode, citation, body);
      })
      .catch((err) => {
        if (err && err.name === "AbortError") return;
        if (state.dialog === dialog && citations[dialog.index] === citation) {
          context.replaceChildren(h("p", { class: "context-note", text: t("sourceFailed") }), h("p", null, h("mark", { text: citation.text })));
        }
      });
  }

  function showContext(context, titleNode, citation, body) {
    if (body.title) titleNode.textContent = body.title;
    const mark = h("mark", { text: body.span || citation.text });
    context.replaceChildren(h("p", null,
      body.more_before ? h("span", { class: "ellipsis", "aria-hidden": "true", text: "… " }) : null,
      body.before || "",
      mark,
      body.after || "",
      body.more_after ? h("span", { class: "ellipsis", "aria-hidden": "true", text: " …" }) : null));
    window.requestAnimationFrame(() => {
      context.scrollTop = Math.max(0, mark.offsetTop - context.clientHeight / 3);
    });
  }

  function step(delta) {
    const dialog = state.dialog;
    const citations = turnCitations(dialog.turn);
    const index = dialog.index + delta;
    if (index < 0 || index >= citations.length) return;
    dialog.index = index;
    renderDialog();
  }

  function dialogKeys(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      closeSource();
      return;
    }
    if (event.key !== "Tab") return;
    const box = event.currentTarget;
    const focusable = Array.from(box.querySelectorAll("button:not([disabled]), [tabindex='0']")).filter((n) => n.offsetParent !== null || n === shadow.activeElement);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = shadow.activeElement;
    if (event.shiftKey && (active === first || !box.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !box.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  function encodePath(source) {
    return String(source).split("/").map(encodeURIComponent).join("/");
  }
})();
