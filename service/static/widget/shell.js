  // A part of /widget.js: service/web.py joins the parts, in order, inside one function.

  // ---------------------------------------------------------------------------------------
  // Styles (a constructed style sheet: no inline <style>, so a strict page CSP is fine)
  // ---------------------------------------------------------------------------------------
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
    el.root.setAttribute("lang", HTML_LANG[lang]);
    el.title.textContent = t("brand");
    el.tagline.textContent = state.articles ? t("taglineCount", state.articles) : t("tagline");
    el.newChat.setAttribute("aria-label", t("newChat"));
    el.newChat.setAttribute("title", t("newChat"));
    el.newChat.querySelector(".tool-label").textContent = t("newChat");
    el.lang.textContent = t("langButton");
    el.lang.setAttribute("aria-label", t("langLabel"));
    el.lang.setAttribute("lang", HTML_LANG[lang === "en" ? chinese : "en"]);
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
    lang = lang === "en" ? chinese : "en";
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
