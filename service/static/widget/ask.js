  // A part of /widget.js: service/web.py joins the parts, in order, inside one function.

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

  /** The questions asked before this turn, so "那灵宝市呢？" is read with the one before it. */
  function historyBefore(turn) {
    const earlier = state.turns.slice(0, state.turns.indexOf(turn)).map((t) => t.question);
    return earlier.filter((q) => typeof q === "string" && q.trim()).slice(-MAX_HISTORY);
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
    turn.requestId = null;
    try {
      const res = await fetch(config.api + "/v1/ask", {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: turn.question, top_k: config.topK, stream: true, history: historyBefore(turn) }),
        credentials: "omit",
        signal: controller.signal,
      });
      turn.requestId = res.headers.get("x-request-id"); // quoted in an error, so the operator can find it
      if (!res.ok) throw await httpError(res);
      if (!(res.headers.get("content-type") || "").includes("text/event-stream")) {
        turn.response = await res.json(); // a server that ignores "stream"
      } else {
        await readStream(turn, res.body);
      }
      if (!turn.response) throw Object.assign(new Error("the stream ended without an answer"), { kind: "interrupted" });
      turn.status = "done";
      announce(t("answerReady"));
      emit("ragqa:done", { question: turn.question, response: turn.response });
    } catch (err) {
      if (err && err.name === "AbortError") {
        turn.status = "stopped";
        announce(t("stoppedStatus"));
      } else {
        turn.status = "error";
        turn.error = { ...errorOf(err), requestId: turn.requestId || null }; // described when rendered, in the reader's language
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
      throw Object.assign(new Error((err && err.message) || "connection lost"), { kind: "interrupted" });
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
      const message = (payload && payload.error && payload.error.message) || "";
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
    const wait = parseInt(res.headers.get("retry-after") || "", 10);
    return Object.assign(new Error(message), { kind: "http", status: res.status, retryAfter: wait >= 0 ? wait : null });
  }

  /** What went wrong, as data (kind, HTTP status, the server's words); saved with the history. */
  function errorOf(err) {
    const kind = err && ["http", "interrupted", "server"].includes(err.kind) ? err.kind : "network";
    return { kind, status: (err && err.status) || null, retryAfter: (err && err.retryAfter) ?? null, detail: (err && err.message) || "" };
  }

  /** The error in the reader's language: a title and a sentence saying what to do. */
  function describeError(error) {
    if (error.title) return error; // saved by an older version of the widget
    const title = t("errorTitle");
    if (error.kind === "interrupted") return { title, message: t("interrupted") };
    if (error.kind === "server") return { title, message: t("serverFailed") };
    if (error.kind !== "http") return { title, message: t("networkError") };
    if (error.status === 429) return { title: t("busyTitle"), message: t("rateLimited", error.retryAfter) };
    if (error.status === 401 || error.status === 403) return { title, message: t("notAllowed", error.status) };
    if (error.status >= 500) return { title, message: t("serverError", error.status) };
    return { title: t("rejected", error.status), message: error.detail };
  }

  function emit(type, detail) {
    host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }
