  // A part of /widget.js: service/web.py joins the parts, in order, inside one function.

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
    // Whitespace at the span's edges (line ends, OCR spaces) stays outside the highlight.
    const [, lead, quoted, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(body.span || citation.text || "");
    const mark = h("mark", { text: quoted });
    context.replaceChildren(h("p", null,
      body.more_before ? h("span", { class: "ellipsis", "aria-hidden": "true", text: "… " }) : null,
      (body.before || "") + lead,
      mark,
      trail + (body.after || ""),
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
