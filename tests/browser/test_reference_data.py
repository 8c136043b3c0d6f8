"""Reference data the migrations ship (meeting rules and standard, dues parameters, recruitment rule parameters)
is restored one way: each app's ensure_defaults() on post_migrate, which Django sends after every flush too.

Transactional tests flush every table when they end, and a browser journey leaves Playwright's event loop on
the test thread, so the flush may run on another connection object. The five transactional tests below run in file order
(pytest-django keeps transactional tests in order, after the others): the shipped rows are there after a
transactional test followed by a browser journey, and after a browser journey followed by a transactional test."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from playwright.sync_api import expect

from branches.rules import RoleKind
from dues.models import DuesBracket, DuesParameters
from dues.rules import DEFAULT_PARAMS
from meetings import defaults as meeting_defaults
from meetings.models import ComplianceRule, MeetingStandard
from partywork.reference_data import state_is_current
from recruitment import defaults as recruitment_defaults
from recruitment.models import RuleSet
from tests.factories import RoleFactory, UserFactory, county_tree

SHIPPED_RULES = {(kind, by_secretary) for kind, by_secretary, *_ in meeting_defaults.RULES}


def assert_shipped():
    rules = set(ComplianceRule.objects.filter(applies_from=2018).values_list("kind", "by_secretary"))
    assert rules == SHIPPED_RULES
    assert MeetingStandard.objects.filter(applies_from=2018).exists()
    params = DuesParameters.objects.get(year_from=DEFAULT_PARAMS.year_from)
    brackets = {(b.scale, b.upper, b.rate) for b in params.brackets.all()}
    assert brackets == {("salaried", b.upper, b.rate) for b in DEFAULT_PARAMS.salaried} | {
        ("retired", b.upper, b.rate) for b in DEFAULT_PARAMS.retired
    }
    assert RuleSet.objects.get(applies_from=2014).notice_min_workdays == 5


def _admin_journey(live_server, page, login):
    """The county administrator opens 系统管理 and finds the shipped rules, dues parameters and rule set."""
    tree = county_tree()
    admin = UserFactory(username="qs_admin", is_staff=True)  # as seed_demo makes it: no superuser
    RoleFactory(user=admin, organization=tree["county"], kind=RoleKind.COUNTY_ADMIN)
    login("qs_admin")
    page.goto(f"{live_server.url}/admin/meetings/compliancerule/")
    expect(page.locator("#result_list tbody tr")).to_have_count(len(SHIPPED_RULES))
    page.goto(f"{live_server.url}/admin/dues/duesparameters/")
    expect(page.locator("#result_list")).to_contain_text("2008")
    page.goto(f"{live_server.url}/admin/recruitment/ruleset/")
    expect(page.locator("#result_list")).to_contain_text("2014")


@pytest.mark.django_db(transaction=True)
def test_shipped_data_is_there_in_a_transactional_test():
    assert_shipped()
    county_tree()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_shipped_data_is_there_in_a_journey_after_a_transactional_test(live_server, page, login):
    assert_shipped()
    _admin_journey(live_server, page, login)


@pytest.mark.django_db(transaction=True)
def test_shipped_data_is_there_after_a_transactional_test_and_a_journey():
    assert_shipped()
    county_tree()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_shipped_data_is_there_after_a_journey_and_a_transactional_test(live_server, page, login):
    assert_shipped()
    _admin_journey(live_server, page, login)


@pytest.mark.django_db(transaction=True)
def test_shipped_data_is_there_after_two_journeys_in_a_row():
    assert_shipped()


def test_post_migrate_fills_what_is_missing_and_keeps_what_an_administrator_changed(db):
    general = ComplianceRule.objects.get(kind="general", by_secretary=False, applies_from=2018)
    general.min_count, general.is_active = 2, False
    general.save()
    ComplianceRule.objects.filter(kind="theme_day", by_secretary=False).delete()
    MeetingStandard.objects.filter(applies_from=2018).update(late_entry_days=30)
    top = DuesBracket.objects.get(parameters__year_from=2008, scale="salaried", upper=None)
    top.rate = Decimal("0.025")
    top.save()
    DuesBracket.objects.filter(parameters__year_from=2008, scale="retired", upper=None).delete()
    RuleSet.objects.filter(applies_from=2014).update(notice_min_workdays=7)

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)  # as `migrate` and `flush` do

    general.refresh_from_db()
    assert (general.min_count, general.is_active) == (2, False)
    assert ComplianceRule.objects.filter(kind="theme_day", by_secretary=False, applies_from=2018).count() == 1
    assert MeetingStandard.objects.get(applies_from=2018).late_entry_days == 30
    assert DuesBracket.objects.get(pk=top.pk).rate == Decimal("0.025")
    assert not DuesBracket.objects.filter(parameters__year_from=2008, scale="retired", upper=None).exists()
    assert RuleSet.objects.get(applies_from=2014).notice_min_workdays == 7
    assert meeting_defaults.ensure_defaults() == 0
    assert recruitment_defaults.ensure_defaults() == 0


def test_a_missing_version_comes_back_whole(db):
    DuesParameters.objects.all().delete()
    RuleSet.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert_shipped()


def test_an_older_migration_state_is_left_to_its_own_data_migrations(db):
    """After `migrate meetings 0002` the rules have no secretary flag yet: post_migrate must not fill them then."""
    loader = MigrationLoader(connection)
    meetings = apps.get_app_config("meetings")
    old = loader.project_state(("meetings", "0002_default_rules")).apps
    assert not state_is_current(old, meetings)
    assert state_is_current(loader.project_state().apps, meetings)
