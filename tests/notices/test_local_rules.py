"""Local rules that decide reminders are data (issue 13 item 5): partywork.LocalRules, never settings."""

import datetime

from partywork.models import LocalRules
from tests.clock import on_day
from tests.recruitment.factories import applicant

D = datetime.date


@on_day(D(2026, 12, 20))
def test_recruitment_window_is_the_local_rule_in_force(world, branch_secretary):
    from recruitment.reminders import due_reminders

    applicant(by=branch_secretary, branch=world.b1, applied_on=D(2026, 11, 1))  # the talk is due by 2026-12-01
    assert [r.kind for r in due_reminders(today=D(2026, 11, 17))] == ["recruitment_due"]  # 14 days before
    assert list(due_reminders(today=D(2026, 11, 16))) == []
    LocalRules.objects.create(effective_from=D(2026, 11, 1), basis="县委组织部〔2026〕9号", recruitment_window_days=21)
    assert [r.kind for r in due_reminders(today=D(2026, 11, 10))] == ["recruitment_due"]
    assert list(due_reminders(today=D(2026, 11, 9))) == []
