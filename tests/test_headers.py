"""Issue 15, finding 8: the pages without an id in their address (the sweep covers the others) carry the
Content-Security-Policy and `no-store`, and hold no inline script or style; static files stay cacheable."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.clock import on_day
from tests.csp import assert_page_is_protected

pytestmark = on_day(datetime.date(2026, 6, 17))


def _plain_urls(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns != "admin":
                yield from _plain_urls(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


PLAIN_URLS = sorted(set(_plain_urls()) - {"logout"})


def test_the_sample_is_not_empty():
    assert {"home", "login", "branches:user_list", "notices:notification_list"} <= set(PLAIN_URLS)


@pytest.mark.parametrize("name", PLAIN_URLS)
def test_every_plain_page_is_protected(name, county_admin, branch_secretary, client_for):
    url = reverse(name)
    for user in (county_admin, branch_secretary):
        response = client_for(user).get(url)
        assert response.status_code in (200, 302, 403, 404, 405), f"{user} {url}"
        assert_page_is_protected(response, f"{user} {url}")


def test_the_login_page_has_the_policy_and_static_files_stay_cacheable(db, client):
    response = client.get(reverse("login"))
    assert_page_is_protected(response, "login", signed_in=False)
    static = client.get("/static/css/partywork.css")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


def test_the_admin_site_has_the_policy_and_no_store(county_admin, client_for):
    response = client_for(county_admin).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"] and "no-store" in response["Cache-Control"]
