"""The Content-Security-Policy in a real browser (issue 15, finding 8): every journey fails on a violation
(tests/browser/conftest.py); this proves that listener sees one when there is one."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_listener_sees_an_inline_style_the_policy_blocks(live_server, page, _no_csp_violations_or_page_errors):
    page.goto(f"{live_server.url}{reverse('login')}")
    expect(page.locator("h1")).to_contain_text("登录")
    page.evaluate("""() => { const s = document.createElement("style"); s.textContent = "h1{color:red}";
                             document.head.appendChild(s); }""")
    page.wait_for_function("() => window.__pwCspSeen > 0")
    problems = _no_csp_violations_or_page_errors
    assert any("style-src" in problem for problem in problems), problems
    problems.clear()
