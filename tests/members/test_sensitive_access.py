"""DOMAIN §8: every access to full ID or phone numbers is logged through members.services.sensitive_access_log."""

from members.models import SensitiveAccess
from members.services import sensitive_access_log
from tests.factories import MemberFactory


def test_a_members_numbers_are_logged_against_the_members_branch(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    log = sensitive_access_log(by=branch_secretary, member=member, action=SensitiveAccess.Action.VIEW, reason="办证")
    log.refresh_from_db()
    assert (log.user, log.member, log.organization, log.action) == (branch_secretary, member, world.b1, "view")
    assert (log.fields, log.reason) == ("id_number,phone", "办证")
    assert log.at is not None


def test_an_export_is_logged_against_the_organisation(world, township_secretary):
    log = sensitive_access_log(
        by=township_secretary,
        organization=world.t1,
        action=SensitiveAccess.Action.EXPORT,
        reason="导出花名册",
        fields=("id_number",),
    )
    assert (log.member, log.organization, log.fields) == (None, world.t1, "id_number")
    assert SensitiveAccess.objects.get() == log
