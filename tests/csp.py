"""What every page must carry (issue 15, finding 8): the Content-Security-Policy header, `no-store` for a
signed-in user, and no inline script, style or event handler the policy would block."""

import re

INLINE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "on…= event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def assert_page_is_protected(response, label, *, signed_in=True):
    policy = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, f"{label}: CSP header {policy!r}"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, label
    if signed_in:
        cache = response.get("Cache-Control", "")
        assert "no-store" in cache, f"{label}: Cache-Control {cache!r}"
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        body = response.content.decode()
        for pattern, what in INLINE:
            match = pattern.search(body)
            assert not match, f"{label}: {what} {body[max(0, match.start() - 80) : match.end() + 80]!r}"
