"""audited(): every audited write names its user (and, when given, its reason) in the history record."""

from branches.audit import CHANGE_REASON_MAX_LENGTH, audited, history_entries
from branches.models import Organization


def test_audited_names_the_user_of_the_next_save(world, county_admin):
    org = Organization.objects.get(pk=world.b2.pk)
    org.address = "乙村村委会"
    assert audited(org, county_admin) is org
    org.save()
    record = org.history.latest("history_date")
    assert record.history_user == county_admin
    assert record.history_change_reason is None
    entry = history_entries(org)[0]
    assert entry.who == county_admin and entry.reason == ""


def test_audited_keeps_the_reason_cut_to_the_column(world, county_admin):
    org = Organization.objects.get(pk=world.b2.pk)
    org.short_name = "乙村"
    audited(org, county_admin, reason="更正简称").save()
    assert history_entries(org)[0].reason == "更正简称"
    org.short_name = "乙"
    audited(org, county_admin, reason="长" * 150).save()
    assert org.history.latest("history_date").history_change_reason == "长" * CHANGE_REASON_MAX_LENGTH
