  // A part of /widget.js: service/web.py joins the parts, in order, inside one function.

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

  /** The question a follow-up was answered as ("那灵宝市呢？" read with the one before it), if any. */
  function askedAs(response) {
    return typeof response.asked_as === "string" && response.asked_as
      ? h("p", { class: "asked-as", text: t("askedAs", response.asked_as) })
      : null;
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
        askedAs(response),
        h("p", { class: "notice-text", text: response.answer }),
        h("p", { class: "notice-hint", text: t("notFoundHint") })));
      return bot;
    }
    if (turn.status === "done" && response) {
      const citations = Array.isArray(response.citations) ? response.citations : [];
      const card = h("div", { class: "card" },
        askedAs(response),
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
    const error = describeError(turn.error || { kind: "network" });
    bot.classList.add("is-error");
    bot.append(h("div", { class: "notice error", role: "alert" },
      icon("alert"),
      h("p", { class: "notice-title", text: error.title }),
      error.message ? h("p", { class: "notice-text", text: error.message }) : null,
      turn.error && turn.error.requestId ? h("p", { class: "notice-ref", text: t("reference", turn.error.requestId) }) : null,
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
