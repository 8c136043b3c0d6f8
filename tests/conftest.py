"""The test run's clock, personas and the county they live in. Every app's tests build on these."""

import datetime
import os
from types import SimpleNamespace

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from branches.rules import RoleKind
from branches.scoping import clear_scope_cache

from .clock import moment
from .factories import RoleFactory, UserFactory, county_tree

# The whole run happens on one day, never the calendar's: a plain mid-year weekday unless told otherwise.
DEFAULT_TODAY = datetime.date(2026, 6, 17)
TODAY_VARIABLE = "PARTYWORK_TEST_TODAY"
_CLOCK = pytest.StashKey[time_machine.travel]()
_TODAY = pytest.StashKey[datetime.date]()


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD",
        default=None,
        help=f"run the tests as if it were this day (default: ${TODAY_VARIABLE}, else {DEFAULT_TODAY})",
    )


def _run_day(config) -> datetime.date:
    value = config.getoption("--today") or os.environ.get(TODAY_VARIABLE) or DEFAULT_TODAY.isoformat()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"--today / {TODAY_VARIABLE}: expected YYYY-MM-DD, got {value!r}") from None


def pytest_configure(config):
    """Freeze the clock before any test module is imported: 10:00 in Shanghai on the test day, ticking (so
    timestamps still advance). time-machine patches the clock of the whole process, so the live server's
    thread sees the same day; Chromium and the Celery worker are other processes with the real clock
    (see partywork.settings.test and tests/integration/test_celery_worker.py). A test that needs another
    day moves the clock with the `time_machine` fixture; it comes back to this day after the test."""
    day = _run_day(config)
    clock = time_machine.travel(moment(day))
    clock.start()
    config.stash[_CLOCK] = clock
    config.stash[_TODAY] = day


def pytest_unconfigure(config):
    clock = config.stash.get(_CLOCK, None)
    if clock is not None:
        clock.stop()
        del config.stash[_CLOCK]


def pytest_report_header(config):
    day = config.stash[_TODAY]
    return f"today: {day} 10:00 Asia/Shanghai, clock frozen and ticking (--today or ${TODAY_VARIABLE})"


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


def verified_device(user):
    """A confirmed authenticator for `user` (created once): personas pass the second factor with it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test persona", confirmed=True)


def mark_verified(client, user):
    """What django-otp's login() leaves in the session once the second factor has passed."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()


@pytest.fixture
def client_for(client):
    """A client signed in as `user` past both factors (county and township roles must pass the second;
    tests of the second factor itself log in through the forms, tests/test_twofactor.py)."""

    def login(user, *, verified=True):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if verified:
            mark_verified(client, user)
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
