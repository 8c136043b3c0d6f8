"""Local rules are data with versions (DOMAIN: [local] rules ship as data an administrator can change)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partywork.localrules import SHIPPED_FROM, ensure_defaults, local_rules
from partywork.models import LocalRules

pytestmark = pytest.mark.django_db


def test_the_shipped_version_is_in_every_database():
    shipped = LocalRules.objects.get()
    assert shipped.effective_from == SHIPPED_FROM
    assert (shipped.mobile_contact_day, shipped.dues_collection_day, shipped.correction_window_days) == (20, 10, 30)


def test_a_new_version_applies_from_its_day_and_not_the_day_before():
    LocalRules.objects.create(
        effective_from=datetime.date(2027, 1, 1), basis="县委组织部〔2026〕9号", mobile_contact_day=15
    )
    assert local_rules(on=datetime.date(2026, 12, 31)).mobile_contact_day == 20
    assert local_rules(on=datetime.date(2027, 1, 1)).mobile_contact_day == 15
    assert local_rules(on=datetime.date(2027, 1, 2)).mobile_contact_day == 15


def test_without_any_version_the_shipped_defaults_apply_unsaved():
    LocalRules.objects.all().delete()
    rules = local_rules(on=datetime.date(2026, 6, 1))
    assert rules.pk is None and rules.recruitment_window_days == 14


def test_ensure_defaults_leaves_an_administrators_versions_alone():
    LocalRules.objects.all().delete()
    LocalRules.objects.create(effective_from=datetime.date(2026, 1, 1), basis="县委决定", correction_window_days=7)
    assert ensure_defaults() == 0
    assert list(LocalRules.objects.values_list("correction_window_days", flat=True)) == [7]


def test_days_of_the_month_must_exist_in_every_month():
    rules = LocalRules(effective_from=datetime.date(2027, 1, 1), basis="x", mobile_contact_day=31)
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "mobile_contact_day" in error.value.message_dict


def test_a_letter_cannot_outlive_the_upper_limit_and_lost_contact_comes_after_contact():
    rules = LocalRules(
        effective_from=datetime.date(2027, 1, 1),
        basis="x",
        transfer_validity_max_months=1,
        transfer_validity_days_outside=40,
        mobile_contact_months=6,
        mobile_lost_contact_months=6,
    )
    with pytest.raises(ValidationError) as error:
        rules.clean()
    assert "transfer_validity_days_outside" in error.value.message_dict
    rules.transfer_validity_days_outside = 30
    with pytest.raises(ValidationError) as error:
        rules.clean()
    assert "mobile_lost_contact_months" in error.value.message_dict


def test_changes_are_kept_in_the_history(county_admin):
    rules = LocalRules.objects.create(effective_from=datetime.date(2027, 1, 1), basis="县委决定")
    rules.correction_window_days = 15
    rules._history_user = county_admin
    rules.save()
    assert [h.correction_window_days for h in rules.history.order_by("history_date")] == [30, 15]


def test_the_county_admin_edits_them_in_the_admin(client_for, county_admin):
    client = client_for(county_admin)
    response = client.get("/admin/partywork/localrules/")
    assert response.status_code == 200
    assert "本地规则" in response.content.decode()
