  // A part of /widget.js: service/web.py joins the parts, in order, inside one function.

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
