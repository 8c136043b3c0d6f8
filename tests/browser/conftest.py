"""Playwright driving Debian's Chromium (Playwright's own browser download does not work offline)."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or os.environ.get("REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium (REQUIRE_BROWSER=1 fails)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright():
    """Playwright's sync API leaves an event loop running in the test thread for the rest of the session;
    the ORM calls made there (the tests' own, and database teardown) are still plain synchronous code, so
    Django's async guard is lifted once browser tests start. Subprocesses must not inherit it
    (tests/test_settings.py strips it)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Phone width: secretaries use the app on their phones."""
    return {**browser_context_args, "viewport": {"width": 375, "height": 800}, "locale": "zh-CN"}


_LISTEN_FOR_CSP = """
window.__pwCspSeen = 0;
document.addEventListener("securitypolicyviolation", (event) => {
  window.__pwCspSeen += 1;
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__pwCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture(autouse=True)
def _no_csp_violations_or_page_errors(request):
    """Every journey listens for Content-Security-Policy violations (the DOM's securitypolicyviolation
    event and Chromium's console report) and for uncaught page errors, and fails if there was any (issue 15,
    finding 8: the policy allows no inline script or style, so a page that still has one shows here)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    problems = []
    page.expose_function("__pwCspViolation", lambda text: problems.append(f"CSP: {text}"))
    page.add_init_script(_LISTEN_FOR_CSP)
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield problems
    assert not problems, problems


@pytest.fixture
def login(live_server, page):
    """Log in through the real forms: the password, then (every persona has an authenticator, and county
    and township roles must use it) a code computed from the authenticator's key on the test's clock, which
    the live server shares."""
    from django_otp.oath import TOTP

    from branches.models import User
    from tests.conftest import verified_device
    from tests.factories import PASSWORD

    def _login(username, password=PASSWORD):
        user = User.objects.filter(username=username).first()
        device = verified_device(user) if user is not None else None
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        if device is not None and password == PASSWORD:
            page.wait_for_url("**/accounts/otp/**")
            device.refresh_from_db()
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            if totp.t() <= device.last_t:
                # Logged in again within the same 30 s: a used code is refused, the next step's is allowed.
                totp.time = totp.time + device.step * (device.last_t + 1 - totp.t())
            page.fill("#id_token", f"{totp.token():0{device.digits}d}")
            page.get_by_test_id("otp-submit").click()

    return _login
