"""What the widget's browser tests share: a real server over a small index, two other origins
that embed the widget, headless Chromium, and a tab that records what went wrong in it.

A test module registers the fixtures with ``pytest_plugins = ["tests.service.web.harness"]``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.web import web_router
from tests.conftest import REPO
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, build_index

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page, ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 820}
PHONE: ViewportSize = {"width": 390, "height": 844}  # an iPhone 12-15 sized screen
TEST_KEY = "rq_test_query_key"  # only checked for being sent: this server needs no key

ARTICLES = {
    "hospital.txt": (
        "青山市人民医院儿童病房正式启用\n"
        "本报讯 3月5日，青山市人民医院新建的儿童病房正式启用，共设置床位120张。"
        "病房配备了新生儿监护设备，医护人员共有45名。"
        "院长李明表示，新病房将缓解全市儿童就医难的问题。\n"
    ),
    "bridge.txt": (
        "清河大桥建成通车\n"
        "本报讯 6月18日，横跨清河的清河大桥建成通车，大桥全长1.2公里，总投资3.6亿元。"
        "大桥通车后，两岸通行时间由40分钟缩短为5分钟。\n"
    ),
    "security.txt": (
        "网页安全讲座在市图书馆举行\n"
        "本报讯 9月9日，市图书馆举办网页安全讲座，讲师演示了 <script>alert('xss')</script> 这样的脚本注入，"
        '以及 <img src=x onerror="window.__xss=1"> 这样的图片注入，共有80名市民参加。\n'
    ),
}
HOSPITAL_Q = "青山市人民医院儿童病房共设置了多少张床位？"
MARS_Q = "火星上有几家医院？"
XSS_Q = "市图书馆举办的网页安全讲座演示了什么？"
REFUSAL = "文章中没有找到这个问题的答案。"
ROOT = "document.querySelector('ragqa-chat').shadowRoot"  # the widget's (open) shadow root, in page JS

# Recorded in every page: the answer's text and aria-busy at each streamed delta, CSP violations.
RECORDER = """
window.__deltas = [];
window.__busy = [];
window.__csp = [];
document.addEventListener("ragqa:delta", (e) => {
  const answer = e.target.shadowRoot.querySelector('.answer[data-state="streaming"]');
  window.__deltas.push(answer ? answer.textContent : null);
  window.__busy.push(answer ? answer.closest(".bot").getAttribute("aria-busy") : null);
});
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
"""


class PacedRuntime(Runtime):
    """The real runtime, whose deltas can be cut small and slowed down the way an LLM streams
    (``delay = 0``: unchanged), and whose next answer can break off after some deltas the way a
    crashing server's would (``fail_after``)."""

    delay = 0.0
    fail_after: int | None = None

    def events(self, question: str, top_k: int = 5, filters: Any = None) -> Iterator[tuple[str, Any]]:
        fail_after, self.fail_after = self.fail_after, None
        step = 4 if self.delay or fail_after is not None else 0
        sent = 0
        for event, data in super().events(question, top_k, filters):
            if event != "delta" or not step:
                yield event, data
                continue
            for i in range(0, len(data), step):
                if fail_after is not None and sent >= fail_after:
                    raise ConnectionAbortedError("the answer breaks off here (a test fault)")
                time.sleep(self.delay)
                sent += 1
                yield event, data[i : i + step]


class StaticSite:
    """Another origin: a tiny HTTP server on 127.0.0.1 serving fixed pages."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0])
                data = (body or "not found").encode()
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8" if body else "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def host_page(body: str) -> str:
    """Somebody else's page with hostile CSS that must not reach into the widget."""
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>青山日报</title><link rel="icon" href="data:,">
<style>
  * {{ font-family: "Times New Roman", serif !important; color: rgb(204, 0, 0) !important;
       line-height: 3 !important; letter-spacing: 2px; }}
  button {{ background: rgb(0, 255, 0) !important; border: 5px dashed purple !important; }}
  html {{ font-size: 10px; }} body {{ margin: 0; background: #fffaf0; }}
  .article {{ max-width: 680px; margin: 40px auto; padding: 0 20px; font-size: 18px; }}
  iframe {{ width: 600px; height: 400px; }}
</style></head>
<body><div class="article"><h1>青山日报</h1>
<p>这是一个嵌入了问答组件的宿主网站，它有自己的样式。</p>
<button id="host-button" type="button">宿主按钮</button></div>
{body}
</body></html>"""


@dataclass
class Env:
    server: Server
    runtime: PacedRuntime
    allowed: StaticSite
    refused: StaticSite


def _serve_sites(server: Server, allowed: StaticSite, refused: StaticSite) -> None:
    allowed.pages["/embed.html"] = host_page(f'<script src="{server.url}/widget.js" defer></script>')
    allowed.pages["/keyed.html"] = host_page(
        f'<script src="{server.url}/widget.js" data-key="{TEST_KEY}" data-lang="en" defer></script>'
    )
    refused.pages["/embed.html"] = host_page(
        f'<script src="{server.url}/widget.js" data-api="{server.url}" data-lang="en" defer></script>'
    )
    for site in (allowed, refused):
        site.pages["/frame.html"] = host_page(f'<iframe title="ragqa" src="{server.url}/"></iframe>')


def write_articles(root: Path) -> Path:
    """The test articles, one file each, in ``root``/articles."""
    articles = root / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    return articles


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    root = tmp_path_factory.mktemp("widget")
    articles = write_articles(root)
    allowed, refused = StaticSite(), StaticSite()
    settings = Settings()
    settings.index.dir = root / "index"
    settings.embedding.model = "test/hashing"
    settings.server.cors_origins = [allowed.origin]
    build_index(settings.index.dir, articles, settings, HashingEmbedder()).close()
    runtime = PacedRuntime.build(settings, embedder=HashingEmbedder())
    app = create_app(settings, embedder=HashingEmbedder(), runtime=runtime)
    if not any(getattr(r, "path", None) == "/widget.js" for r in app.routes):
        app.include_router(web_router)  # until service/app.py wires it in
    try:
        with Server(app) as server:
            _serve_sites(server, allowed, refused)
            yield Env(server, runtime, allowed, refused)
    finally:
        allowed.close()
        refused.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def leaves_this_machine(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about", "chrome-error") and parts.hostname != "127.0.0.1"


@dataclass
class Tab:
    """A page plus everything it reported: console errors, uncaught exceptions, alert() calls,
    and every request it made."""

    page: Page
    context: BrowserContext
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self, allow: tuple[str, ...] = ()) -> None:
        unexpected = [e for e in self.errors if not any(a in e for a in allow)]
        assert unexpected == [], unexpected
        assert self.dialogs == []
        assert self.page.evaluate("window.__csp") == [], "CSP violations"
        assert [u for u in self.requests if leaves_this_machine(u)] == [], "requests beyond 127.0.0.1"

    def shot(self, name: str) -> None:
        # "disabled" runs finite animations to their end and stops infinite ones: a stable picture.
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled", caret="initial")


@pytest.fixture
def open_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    contexts: list[BrowserContext] = []

    def make(
        url: str, viewport: ViewportSize = DESKTOP, locale: str = "zh-CN", color_scheme: str = "light"
    ) -> Tab:
        context = browser.new_context(
            viewport=viewport,
            locale=locale,
            color_scheme=color_scheme,  # type: ignore[arg-type]
            device_scale_factor=1,
            has_touch=viewport == PHONE,
        )
        contexts.append(context)
        context.add_init_script(RECORDER)
        page = context.new_page()
        page.set_default_timeout(15_000)
        tab = Tab(page, context)

        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                tab.errors.append(msg.text)

        def on_dialog(dialog: Dialog) -> None:
            tab.dialogs.append(dialog.message)
            dialog.dismiss()

        context.on("request", lambda r: tab.requests.append(r.url))
        page.on("console", on_console)
        page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
        page.on("dialog", on_dialog)
        page.goto(url)
        page.wait_for_selector("ragqa-chat .panel:not([hidden]), ragqa-chat .launcher, iframe")
        return tab

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def paced(env: Env) -> Iterator[PacedRuntime]:
    env.runtime.delay = 0.1
    yield env.runtime
    env.runtime.delay = 0.0
    env.runtime.fail_after = None


def ask(page: Page, question: str) -> None:
    page.fill("ragqa-chat textarea", question)
    page.keyboard.press("Enter")


def last_turn(page: Page) -> Any:
    return page.locator("ragqa-chat .turn").last


def focused(page: Page) -> str:
    """The class of the element focused inside the widget ("" when focus is elsewhere)."""
    return str(page.evaluate(f"(() => {{ const a = {ROOT}.activeElement; return a ? a.className : ''; }})()"))


def wait_done(page: Page) -> Any:
    turn = last_turn(page)
    turn.locator(".bot[aria-busy='false']").wait_for()
    return turn


def ask_and_stop(page: Page, question: str) -> Any:
    """Ask, press stop once the first piece of the answer is shown, and return the stopped turn."""
    ask(page, question)
    page.wait_for_function("() => window.__deltas.length >= 1")
    page.click("ragqa-chat button.stop")
    turn = wait_done(page)
    assert turn.get_attribute("data-status") == "stopped"
    return turn
