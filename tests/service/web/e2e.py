"""What the widget's browser test modules (test_page_*.py, test_embedded_widget.py, ...) share beyond
harness.py's fixtures: they skip when headless Chromium or Playwright is missing, and they look for
the same answer to ``HOSPITAL_Q``.

The tests drive real headless Chromium against a real server on 127.0.0.1. Every tab also checks
that it logged no errors, broke no CSP rule and sent no request beyond 127.0.0.1
(``Tab.assert_clean``). Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.service.web.harness import CHROMIUM

HOSPITAL_SPAN = "共设置床位120张"
HOSPITAL_TITLE = "青山市人民医院儿童病房正式启用"


def skip_without_browser() -> None:
    """Skips the calling test module (call it at import) unless Chromium and Playwright are there."""
    if not CHROMIUM.exists():
        pytest.skip("headless Chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
