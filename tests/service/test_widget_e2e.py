"""The chat widget in real headless Chromium against a real server on 127.0.0.1.

Covers the full page and the widget embedded on other origins (allowed and refused by CORS),
streaming and stopping, citations opening their source passage, refusals, history, language,
keyboard use, a phone-sized screen, and article text that contains markup. Screenshots go to
artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.web import web_router
from tests.conftest import REPO
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, build_index

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("headless Chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = pytest.mark.e2e

SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 820}
PHONE = {"width": 375, "height": 740}

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
        "以及 <img src=x onerror=\"window.__xss=1\"> 这样的图片注入，共有80名市民参加。\n"
    ),
}
HOSPITAL_Q = "青山市人民医院儿童病房共设置了多少张床位？"
MARS_Q = "火星上有几家医院？"
XSS_Q = "网页安全讲座有多少名市民参加？"
REFUSAL = "文章中没有找到这个问题的答案。"
ROOT = "document.querySelector('ragqa-chat').shadowRoot"  # the widget's (open) shadow root, in page JS

# Recorded in every page: what the answer looked like at each streamed delta, CSP violations.
RECORDER = """
window.__deltas = [];
window.__csp = [];
document.addEventListener("ragqa:delta", (e) => {
  const answer = e.target.shadowRoot.querySelector('.answer[data-state="streaming"]');
  window.__deltas.push(answer ? answer.textContent : null);
});
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
"""


class PacedRuntime(Runtime):
    """The real runtime whose deltas can be cut small and slowed down, the way an LLM streams,
    so the browser can be watched while an answer arrives (``delay = 0``: unchanged)."""

    delay = 0.0

    def events(self, question: str, top_k: int = 5, filters: Any = None) -> Iterator[tuple[str, Any]]:
        for event, data in super().events(question, top_k, filters):
            if event == "delta" and self.delay:
                for i in range(0, len(data), 4):
                    time.sleep(self.delay)
                    yield event, data[i : i + 4]
            else:
                yield event, data


class StaticSite:
    """A second origin: a tiny HTTP server on 127.0.0.1 serving fixed pages."""

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


def host_page(script_tag: str) -> str:
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
</style></head>
<body><div class="article"><h1>青山日报</h1>
<p>这是一个嵌入了问答组件的宿主网站，它有自己的样式。</p>
<button id="host-button" type="button">宿主按钮</button></div>
{script_tag}
</body></html>"""


@dataclass
class Env:
    server: Server
    runtime: PacedRuntime
    allowed: StaticSite
    refused: StaticSite


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    root = tmp_path_factory.mktemp("widget")
    articles = root / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
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
            allowed.pages["/embed.html"] = host_page(f'<script src="{server.url}/widget.js" defer></script>')
            tag = f'<script src="{server.url}/widget.js" data-api="{server.url}" data-lang="en" defer>'
            tag += "</script>"
            refused.pages["/embed.html"] = host_page(tag)
            yield Env(server, runtime, allowed, refused)
    finally:
        allowed.close()
        refused.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Tab:
    """A page plus everything it reported: console errors, uncaught exceptions, alert() calls."""

    page: Page
    context: BrowserContext
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self, allow: tuple[str, ...] = ()) -> None:
        unexpected = [e for e in self.errors if not any(a in e for a in allow)]
        assert unexpected == [], unexpected
        assert self.dialogs == []
        assert self.page.evaluate("window.__csp") == []

    def shot(self, name: str) -> None:
        self.page.wait_for_timeout(250)  # let entry animations finish
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def open_tab(browser: Browser) -> Iterator[Any]:
    contexts: list[BrowserContext] = []

    def make(url: str, viewport: dict[str, int] = DESKTOP, locale: str = "zh-CN",
             color_scheme: str = "light") -> Tab:
        context = browser.new_context(viewport=viewport, locale=locale, color_scheme=color_scheme,  # type: ignore[arg-type]
                                      device_scale_factor=1)
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

        page.on("console", on_console)
        page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
        page.on("dialog", on_dialog)
        page.goto(url)
        page.wait_for_selector("ragqa-chat .panel:not([hidden]), ragqa-chat .launcher")
        return tab

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def paced(env: Env) -> Iterator[PacedRuntime]:
    env.runtime.delay = 0.1
    yield env.runtime
    env.runtime.delay = 0.0


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


# ---- the full page ------------------------------------------------------------------------------


def test_answer_streams_in_and_a_citation_opens_its_source(env: Env, open_tab: Any,
                                                            paced: PacedRuntime) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    assert page.locator("ragqa-chat .empty").is_visible()
    page.locator("ragqa-chat .tagline").filter(has_text="3").wait_for()  # article count from /readyz
    tab.shot("desktop-empty")

    ask(page, HOSPITAL_Q)
    stop = page.locator("ragqa-chat button.stop")
    stop.wait_for(state="visible")
    assert page.locator("ragqa-chat button.send").is_hidden()
    page.wait_for_function("() => window.__deltas.length >= 3")
    streaming = last_turn(page).locator(".answer[data-state='streaming']")
    partial = streaming.text_content() or ""
    assert 0 < len(partial) < len("青山市人民医院新建的儿童病房正式启用，共设置床位120张。")
    assert last_turn(page).locator(".bot").get_attribute("aria-busy") == "true"
    tab.shot("desktop-streaming")

    turn = wait_done(page)
    deltas: list[str] = page.evaluate("window.__deltas")
    assert len(deltas) >= 5
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(deltas)), "text only grows"
    answer = turn.locator(".answer[data-state='done']")
    assert "共设置床位120张" in (answer.text_content() or "")
    assert stop.is_hidden() and page.locator("ragqa-chat button.send").is_visible()

    cite = turn.locator("button.cite").first
    assert cite.text_content() == "1"
    assert "青山市人民医院儿童病房正式启用" in (cite.get_attribute("aria-label") or "")
    sources = turn.locator(".sources li")
    assert sources.count() >= 1
    assert "hospital.txt" in (sources.first.text_content() or "")
    assert "青山市人民医院儿童病房正式启用" in (sources.first.text_content() or "")
    tab.shot("desktop-answer")

    cite.click()
    dialog = page.locator("ragqa-chat [role='dialog'][aria-modal='true']")
    dialog.wait_for()
    mark = dialog.locator(".context mark")
    mark.wait_for()
    assert "共设置床位120张" in (mark.text_content() or "")
    context_text = dialog.locator(".context").text_content() or ""
    assert "病房配备了新生儿监护设备" in context_text  # the surrounding text, not just the span
    assert dialog.locator(".dialog-title").text_content() == "青山市人民医院儿童病房正式启用"
    assert "hospital.txt" in (dialog.locator(".dialog-file").text_content() or "")
    assert focused(page).endswith("dialog-close")
    tab.shot("desktop-source")

    for _ in range(6):  # Tab keeps focus inside the dialog
        page.keyboard.press("Tab")
        assert page.evaluate(f"!!{ROOT}.activeElement && !!{ROOT}.activeElement.closest('.dialog')")
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert "cite" in focused(page).split()
    tab.assert_clean()


def test_refusal_reads_as_not_found_not_as_an_error(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    ask(tab.page, MARS_Q)
    turn = wait_done(tab.page)
    notice = turn.locator(".notice.notfound")
    assert notice.is_visible()
    assert REFUSAL in (notice.text_content() or "")
    assert notice.get_attribute("role") == "note"
    assert turn.locator(".notice.error").count() == 0
    assert turn.locator("button.cite").count() == 0
    assert turn.locator(".sources").count() == 0
    tab.shot("desktop-refusal")
    tab.assert_clean()


def test_stop_keeps_the_partial_answer_and_retry_completes_it(env: Env, open_tab: Any,
                                                                paced: PacedRuntime) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    paced.delay = 0.3
    ask(page, HOSPITAL_Q)
    page.wait_for_function("() => window.__deltas.length >= 1")
    page.click("ragqa-chat button.stop")
    turn = last_turn(page)
    turn.locator(".bot[aria-busy='false']").wait_for()
    assert turn.get_attribute("data-status") == "stopped"
    assert len(turn.locator(".answer").text_content() or "") > 0
    assert page.locator("ragqa-chat textarea").evaluate(
        "(el) => el.getRootNode().activeElement === el"), "focus goes back to the question box"
    paced.delay = 0.0
    turn.locator("button.retry").click()
    turn = last_turn(page)
    page.locator("ragqa-chat .turn[data-status='done']").wait_for()
    assert "120" in (last_turn(page).locator(".answer").text_content() or "")
    assert page.locator("ragqa-chat .turn").count() == 1
    tab.assert_clean()


def test_history_language_and_copy(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=env.server.url)
    ask(page, HOSPITAL_Q)
    turn = wait_done(page)
    turn.locator("button.copy").click()
    page.locator("ragqa-chat [role='status']").filter(has_text="已复制").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "共设置床位120张" in copied and "hospital.txt" in copied

    page.reload()
    page.wait_for_selector("ragqa-chat .turn")
    assert page.locator("ragqa-chat .turn").count() == 1, "the conversation survives a reload"
    assert "120" in (last_turn(page).locator(".answer").text_content() or "")
    assert page.locator("ragqa-chat .sources-title").text_content() == "来源 · 1"

    lang = page.locator("ragqa-chat button.lang")
    assert lang.get_attribute("aria-label") == "Switch to English"
    lang.click()
    assert page.locator("ragqa-chat .sources-title").text_content() == "Sources · 1"
    assert page.locator("ragqa-chat textarea").get_attribute("placeholder", timeout=1000) is not None
    assert "Ask about the news" in (page.locator("ragqa-chat textarea").get_attribute("placeholder") or "")
    assert page.locator("ragqa-chat .root").get_attribute("lang") == "en"
    page.reload()
    page.wait_for_selector("ragqa-chat .turn")
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A", "the choice is remembered"

    page.locator("ragqa-chat button.new-chat").click()
    assert page.locator("ragqa-chat .turn").count() == 0
    assert page.locator("ragqa-chat .empty").is_visible()
    tab.assert_clean()


def test_keyboard_only(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/", locale="en-US")
    page = tab.page
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A"  # follows navigator.language

    for _ in range(8):
        page.keyboard.press("Tab")
        if "input" in focused(page):
            break
    assert "input" in focused(page)
    page.keyboard.type(HOSPITAL_Q)
    page.keyboard.press("Enter")
    wait_done(page)
    assert "input" in focused(page), "focus stays in the question box"
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        if "cite" in focused(page):
            break
    assert "cite" in focused(page)
    # visible focus: the focused citation has an outline
    outline = page.evaluate(f"getComputedStyle({ROOT}.activeElement).outlineStyle")
    assert outline == "solid"
    tab.shot("desktop-en-keyboard-focus")
    page.keyboard.press("Enter")
    page.locator("ragqa-chat .context mark").wait_for()
    assert "dialog-close" in focused(page)
    page.keyboard.press("Escape")
    page.locator("ragqa-chat .dialog").wait_for(state="detached")
    assert "cite" in focused(page)
    tab.assert_clean()


def test_markup_in_articles_renders_as_text(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    ask(page, XSS_Q)
    turn = wait_done(page)
    answer = turn.locator(".answer").text_content() or ""
    assert "<script>alert('xss')</script>" in answer
    assert '<img src=x onerror="window.__xss=1">' in answer
    turn.locator("button.cite").first.click()
    page.locator("ragqa-chat .context mark").wait_for()
    assert "<img src=x onerror" in (page.locator("ragqa-chat .context").text_content() or "")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    counts = page.evaluate(f"[{ROOT}.querySelectorAll('script, img').length,"
                           " document.querySelectorAll('img').length]")
    assert counts == [0, 0]
    tab.shot("desktop-markup-as-text")
    tab.assert_clean()


def test_phone_layout(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/", viewport=PHONE)
    page = tab.page
    ask(page, HOSPITAL_Q)
    wait_done(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    overflow = page.evaluate(f"[...{ROOT}.querySelectorAll('.log, .turn, .card, .composer, .head')]"
                             ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)")
    assert overflow == []
    box = page.locator("ragqa-chat .composer").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["y"] + box["height"] <= PHONE["height"], "the question box stays on screen"
    tab.shot("phone-answer")
    last_turn(page).locator("button.cite").first.click()
    page.locator("ragqa-chat .context mark").wait_for()
    dialog = page.locator("ragqa-chat .dialog").bounding_box()
    assert dialog is not None and dialog["width"] <= PHONE["width"]
    tab.shot("phone-source")
    page.keyboard.press("Escape")
    page.evaluate(f"{ROOT}.querySelector('.turn').dataset.keep = 'yes'")
    ask(page, MARS_Q)
    wait_done(page)
    # the new turn is appended: earlier messages are not re-rendered (and re-announced by the live log)
    assert page.locator("ragqa-chat .turn").first.get_attribute("data-keep") == "yes"
    tab.shot("phone-refusal")
    tab.assert_clean()


def test_dark_mode(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/", color_scheme="dark")
    page = tab.page
    ask(page, HOSPITAL_Q)
    wait_done(page)
    background = page.evaluate(f"getComputedStyle({ROOT}.querySelector('.card')).backgroundColor")
    assert background == "rgb(23, 25, 30)"
    tab.shot("desktop-dark-answer")
    tab.assert_clean()


# ---- the widget embedded on other sites --------------------------------------------------------


def test_widget_on_an_allowed_origin(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/embed.html")
    page = tab.page
    launcher = page.locator("ragqa-chat button.launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.locator("ragqa-chat .panel").is_hidden()
    tab.shot("embed-closed")
    assert launcher.text_content() == "新闻问答"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert launcher.text_content() == ""  # just the close icon
    assert launcher.get_attribute("aria-label") == "关闭新闻问答"
    panel = page.locator("ragqa-chat .panel")
    assert panel.is_visible()
    assert panel.get_attribute("role") == "dialog"
    assert "input" in focused(page), "opening the panel puts focus in the question box"
    tab.shot("embed-open")
    ask(page, HOSPITAL_Q)  # data-api omitted: the widget talks to where widget.js came from
    turn = wait_done(page)
    assert "共设置床位120张" in (turn.locator(".answer").text_content() or "")

    # the host page's CSS does not reach the widget, and the widget leaves the host alone
    style = page.evaluate(f"(s => [s.color, s.fontFamily, s.lineHeight])"
                          f"(getComputedStyle({ROOT}.querySelector('.answer')))")
    assert style[0] != "rgb(204, 0, 0)"
    assert not style[1].startswith('"Times New Roman"')
    assert style[2] != "45px"
    send_bg = page.evaluate(f"getComputedStyle({ROOT}.querySelector('.send')).backgroundColor")
    assert send_bg != "rgb(0, 255, 0)"
    assert page.evaluate("getComputedStyle(document.getElementById('host-button')).backgroundColor") == \
        "rgb(0, 255, 0)"
    tab.shot("embed-answer")

    turn.locator("button.cite").first.click()
    page.locator("ragqa-chat .context mark").wait_for()
    tab.shot("embed-source")
    page.keyboard.press("Escape")
    page.locator("ragqa-chat .dialog").wait_for(state="detached")
    page.keyboard.press("Escape")  # a second Escape closes the panel and returns to the launcher
    assert panel.is_hidden()
    assert "launcher" in focused(page).split()
    assert launcher.get_attribute("aria-expanded") == "false"
    tab.assert_clean()


def test_widget_on_a_phone(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/embed.html", viewport=PHONE)
    page = tab.page
    page.click("ragqa-chat button.launcher")
    page.wait_for_function(f"() => {ROOT}.getAnimations().length === 0")  # the panel's entry animation
    panel = page.locator("ragqa-chat .panel").bounding_box()
    assert panel is not None
    assert (panel["x"], panel["y"]) == (0, 0)
    assert (panel["width"], panel["height"]) == (PHONE["width"], PHONE["height"])
    ask(page, HOSPITAL_Q)
    wait_done(page)
    tab.shot("embed-phone-answer")
    page.click("ragqa-chat button.close")
    assert page.locator("ragqa-chat .panel").is_hidden()
    tab.assert_clean()


def test_widget_on_a_refused_origin_shows_an_error(env: Env, open_tab: Any) -> None:
    # the CORS preflight names an origin the server does not allow: it fails ...
    with httpx.Client() as client:
        preflight = client.options(env.server.url + "/v1/ask", headers={
            "Origin": env.refused.origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    # ... while the allowed origin passes
    with httpx.Client() as client:
        ok = client.options(env.server.url + "/v1/ask", headers={
            "Origin": env.allowed.origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == env.allowed.origin

    tab = open_tab(env.refused.origin + "/embed.html")
    page = tab.page
    page.click("ragqa-chat button.launcher")
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A"  # data-lang="en"
    ask(page, "How many beds does the new ward have?")
    turn = wait_done(page)
    assert turn.get_attribute("data-status") == "error"
    error = turn.locator(".notice.error")
    assert error.get_attribute("role") == "alert"
    assert "Couldn't reach the answer service" in (error.text_content() or "")
    assert turn.locator("button.retry").is_visible()
    tab.shot("embed-refused")
    # the browser reports the blocked requests; nothing else may go wrong
    tab.assert_clean(allow=("CORS policy", "net::ERR_FAILED"))
    assert any("CORS policy" in e for e in tab.errors)


def test_page_fetches_nothing_from_elsewhere(env: Env, open_tab: Any) -> None:
    """Offline-ready: every request the page makes goes to our own server (no CDN, no web fonts)."""
    tab = open_tab(env.server.url + "/")
    requested: list[str] = []
    tab.page.on("request", lambda r: requested.append(r.url))
    tab.page.reload()
    tab.page.wait_for_selector("ragqa-chat .panel")
    tab.page.locator("ragqa-chat .tagline").filter(has_text="3").wait_for()
    assert requested and all(url.startswith(env.server.url + "/") for url in requested), requested
    paths = {url.removeprefix(env.server.url) for url in requested}
    assert paths >= {"/", "/widget.js", "/page.css", "/favicon.svg", "/readyz"}
    tab.assert_clean()
