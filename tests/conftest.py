"""Personas and the county they live in. Every app's tests build on these."""

import os
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

from branches.rules import RoleKind
from branches.scoping import clear_scope_cache

from .factories import RoleFactory, UserFactory, county_tree


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL skip on SQLite, and fail instead when REQUIRE_POSTGRES=1."""
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if on_postgres or settings.REQUIRE_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (REQUIRE_POSTGRES=1 makes this a failure)")
    for item in items:
        if "postgres" in item.keywords or "services" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def require_postgres():
    if connection.vendor != "postgresql":
        pytest.fail("this test needs PostgreSQL (DATABASE_URL)")


@pytest.fixture
def world(db):
    tree = county_tree()
    return SimpleNamespace(**tree)


def _persona(username, kind, org, **extra):
    user = UserFactory(username=username, **extra)
    RoleFactory(user=user, organization=org, kind=kind)
    clear_scope_cache(user)
    return user


@pytest.fixture
def county_admin(world):
    return _persona("county_admin", RoleKind.COUNTY_ADMIN, world.county, is_staff=True)


@pytest.fixture
def township_secretary(world):
    return _persona("township_secretary", RoleKind.TOWNSHIP_SECRETARY, world.t1)


@pytest.fixture
def branch_secretary(world):
    return _persona("branch_secretary", RoleKind.BRANCH_SECRETARY, world.b1)


@pytest.fixture
def branch_organizer(world):
    return _persona("branch_organizer", RoleKind.BRANCH_ORGANIZER, world.b1)


@pytest.fixture
def reviewer(world):
    return _persona("reviewer", RoleKind.REVIEWER, world.county)


@pytest.fixture
def outsider(world):
    """A branch secretary in the other township: must never see anything of township 1."""
    return _persona("outsider", RoleKind.BRANCH_SECRETARY, world.b3)


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture(scope="session")
def artifacts_dir():
    path = os.path.join(settings.BASE_DIR, "test-artifacts")
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture(autouse=True)
def _no_logged_errors(caplog):
    """A request that logs an error (a 500, a failed task) fails the test even if its status was checked."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelname in {"ERROR", "CRITICAL"}]
    assert not errors, [r.getMessage() for r in errors]
