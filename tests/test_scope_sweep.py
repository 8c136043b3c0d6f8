"""Walk every URL pattern that takes an object id and prove nobody reaches another branch's data."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.clock import on_day
from tests.csp import assert_page_is_protected
from tests.scope_registry import REGISTRY

# The registrations build their objects on dates of 2025-2026 (recruitment files, meetings...): the sweep is
# about scope, not about the day, so it runs on the suite's default day whatever --today says.
pytestmark = on_day(datetime.date(2026, 6, 17))

SKIP_NAMESPACES = {"admin"}


def _patterns(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in SKIP_NAMESPACES:
                continue
            yield from _patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            keywords = tuple(sorted(entry.pattern.converters))
            if keywords:
                yield name, keywords


ID_URLS = sorted(set(_patterns()))


def test_the_sweep_sees_the_id_urls():
    names = {name for name, _ in ID_URLS}
    assert {"branches:organization_detail", "branches:user_detail", "notices:notification_read"} <= names


@pytest.mark.parametrize("name,keywords", ID_URLS, ids=[n for n, _ in ID_URLS])
def test_registry_covers_every_keyword(name, keywords):
    missing = [k for k in keywords if k not in REGISTRY]
    assert not missing, f"{name}: add {missing} to tests/scope_registry.py"


@pytest.fixture
def people(world, county_admin, township_secretary, branch_secretary, outsider):
    return SimpleNamespace(
        world=world,
        county_admin=county_admin,
        township_secretary=township_secretary,
        branch_secretary=branch_secretary,
        outsider=outsider,
    )


@pytest.mark.parametrize("name,keywords", ID_URLS, ids=[n for n, _ in ID_URLS])
def test_foreign_ids_are_not_found(name, keywords, people, client_for):
    """A branch secretary (and a township secretary) of township 1 asking for township 2's objects."""
    url = reverse(name, kwargs={k: REGISTRY[k][1](people) for k in keywords})
    for user in (people.branch_secretary, people.township_secretary):
        client = client_for(user)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (403, 404, 405), f"{user.username} {method.upper()} {url}"


@pytest.mark.parametrize("name,keywords", ID_URLS, ids=[n for n, _ in ID_URLS])
def test_own_ids_are_found(name, keywords, people, client_for):
    """The same URLs answer for the county administrator, so the sweep is not passing on broken views; each
    answer carries the Content-Security-Policy and `no-store`, and its page no inline script or style."""
    url = reverse(name, kwargs={k: REGISTRY[k][0](people) for k in keywords})
    response = client_for(people.county_admin).get(url)
    assert response.status_code in (200, 302, 405), url
    assert_page_is_protected(response, url)
