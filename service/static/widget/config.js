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
 *   data-lang    "zh", "zh-Hant" (traditional characters) or "en" (default: the browser's language;
 *                users can switch between Chinese and English)
 *   data-top-k   passages to retrieve per question (default 5)
 *   data-key     an API key with the "query" role, sent as "Authorization: Bearer" (only when the
 *                service requires keys; anyone who can see the page can read it)
 *
 * The widget lives in a shadow root, so the host page's CSS cannot reach it and its CSS cannot
 * leak out. Everything that comes from the network (answers, titles, article text) is inserted
 * as text nodes: nothing received is ever parsed as markup.
 * The host element emits "ragqa:delta", "ragqa:done" and "ragqa:error" events.
 *
 * The source is service/static/widget/: config.js, dom.js, styles.css, shell.js, ask.js,
 * render.js and source.js, which service/web.py joins in that order inside one function (no
 * build tools; the parts share that function's scope).
 */

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
  const MAX_HISTORY = 5; // earlier questions sent with each one (the service reads "那X呢？" with the last)
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
      serverFailed: "生成回答时服务出了问题。",
      busyTitle: "提问太频繁了",
      rateLimited: (s) => (s ? `请 ${s} 秒后再试。` : "请稍后再试。"),
      notAllowed: (status) => `本网站没有使用问答服务的权限（HTTP ${status}）。`,
      serverError: (status) => `服务暂时出了问题（HTTP ${status}）。`,
      rejected: (status) => `请求未被接受（HTTP ${status}）`,
      reference: (id) => `参考编号：${id}`,
      askedAs: (q) => `按“${q}”回答`,
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
    // zh converted by OpenCC s2tw (tests/service/web/test_widget_strings.py keeps them in step)
    "zh-Hant": {
      brand: "新聞問答",
      tagline: "回答均註明出處",
      taglineCount: (n) => `基於 ${n} 篇新聞文章`,
      openLauncher: "打開新聞問答",
      closeLauncher: "關閉新聞問答",
      close: "關閉",
      newChat: "新對話",
      langButton: "EN",
      langLabel: "Switch to English",
      logLabel: "對話記錄",
      inputLabel: "你的問題",
      placeholder: "就新聞文章提問，例如：醫院新設了多少張床位？",
      placeholderShort: "就新聞文章提問…",
      hint: "Enter 發送 · Shift + Enter 換行",
      send: "發送問題",
      stop: "停止生成",
      you: "你的問題：",
      bot: "回答：",
      searching: "正在查找相關文章…",
      sources: "來源",
      sourcesCount: (n) => `來源 · ${n}`,
      cite: (n, title) => `查看出處 ${n}：${title}`,
      openSource: (n, title) => `打開出處 ${n}：${title}`,
      copy: "複製回答",
      copied: "已複製到剪貼板",
      copyFailed: "無法複製",
      retry: "重試",
      stopped: "已停止生成",
      notFoundTitle: "未在文章中找到",
      notFoundHint: "試試換個說法，或者問問文章裡提到的人物、地點、時間和數字。",
      errorTitle: "沒能得到回答",
      networkError: "無法連接到問答服務。請檢查網絡，或確認本網站已被允許使用該服務。",
      interrupted: "回答在傳輸途中中斷了。",
      serverFailed: "生成回答時服務出了問題。",
      busyTitle: "提問太頻繁了",
      rateLimited: (s) => (s ? `請 ${s} 秒後再試。` : "請稍後再試。"),
      notAllowed: (status) => `本網站沒有使用問答服務的權限（HTTP ${status}）。`,
      serverError: (status) => `服務暫時出了問題（HTTP ${status}）。`,
      rejected: (status) => `請求未被接受（HTTP ${status}）`,
      reference: (id) => `參考編號：${id}`,
      askedAs: (q) => `按“${q}”回答`,
      emptyTitle: "問問這些新聞",
      emptyLead: "回答只用已收錄文章裡的原句寫成，每句都帶編號，可以一鍵核對原文。",
      tip1: "像問人一樣提問：誰、何時、在哪裡、多少。",
      tip2: "點擊回答裡的編號，查看原文並高亮被引用的句子。",
      tip3: "文章裡沒有的事，它會直接告訴你找不到。",
      dialogEyebrow: (n) => `出處 ${n}`,
      chars: (a, b) => `第 ${a}–${b} 字`,
      loadingSource: "正在載入原文…",
      sourceFailed: "暫時無法載入原文，下面是被引用的句子。",
      prev: "上一個出處",
      next: "下一個出處",
      untitled: "（無標題）",
      stoppedStatus: "已停止。",
      answerReady: "回答已生成。",
      newChatStatus: "已開始新對話。",
      timing: (ms) => (ms < 1000 ? `用時 ${Math.max(1, Math.round(ms))} 毫秒` : `用時 ${(ms / 1000).toFixed(1)} 秒`),
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
      serverFailed: "The service ran into a problem while answering.",
      busyTitle: "Too many questions at once",
      rateLimited: (s) => (s ? `Please try again in ${s} s.` : "Please try again in a moment."),
      notAllowed: (status) => `This site is not allowed to use the answer service (HTTP ${status}).`,
      serverError: (status) => `The service ran into a problem (HTTP ${status}).`,
      rejected: (status) => `The request was not accepted (HTTP ${status})`,
      reference: (id) => `Reference: ${id}`,
      askedAs: (q) => `Answered as “${q}”`,
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

  const HTML_LANG = { zh: "zh-CN", "zh-Hant": "zh-Hant", en: "en" }; // each language's lang attribute

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

  /** The Chinese of the browser's first language, else null: traditional characters for zh-Hant,
   * zh-TW, zh-HK and zh-MO (zh-Hans-HK is simplified), simplified for any other zh. */
  function browserChinese() {
    const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
    const first = prefs[0] || "";
    if (/^zh-(?:hant|tw|hk|mo)\b/i.test(first)) return "zh-Hant";
    return /^zh\b/i.test(first) ? "zh" : null;
  }

  function initialLang() {
    const chosen = storage.get(LANG_KEY) || config.lang;
    if (chosen && Object.hasOwn(STRINGS, chosen)) return chosen;
    return browserChinese() || "en";
  }

  /** The Chinese the language button switches to from English. */
  function preferredChinese() {
    if (config.lang !== "en" && Object.hasOwn(STRINGS, config.lang)) return config.lang;
    return browserChinese() || "zh";
  }

  let lang = initialLang();
  const chinese = lang === "en" ? preferredChinese() : lang;
  const t = (key, ...args) => {
    const value = STRINGS[lang][key];
    return typeof value === "function" ? value(...args) : value;
  };
