"""Pure rules of committee terms and elections (DOMAIN §1, §6). No ORM here.

Regulations named in the tests: "Branch Regs" (《中国共产党支部工作条例（试行）》 2018) and "Election Regs"
(《中国共产党基层组织选举工作条例》 2020)."""

import datetime

from django.utils.translation import gettext as _

from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS, term_years
from partywork.dates import add_months, add_years

# Branch Regs (组织设置): a committee of 3 to 5 members, at most 7; under 7 full members a secretary and,
# when needed, a deputy secretary.
COMMITTEE_MIN_SEATS = 3
COMMITTEE_MAX_SEATS = 7
SMALL_BRANCH_POSTS = ("secretary", "deputy")
# Reminders before a term ends, in months (issue 16: six and three months before, and when it has ended).
TERM_WARNINGS = (6, 3)


def term_end(*, elected_on: datetime.date, category: str) -> tuple[int, datetime.date]:
    """Branch Regs art. 11: a village or community branch committee serves 5 years, the others 3; the term
    ends on the anniversary of the election (29 February: the 28th)."""
    years = term_years(category)
    return years, add_years(elected_on, years)


def term_stage(*, ends_on: datetime.date, today: datetime.date) -> str:
    """ "ended" from the day the term ends, "3m" / "6m" from three / six months before it, "" earlier."""
    if today >= ends_on:
        return "ended"
    for months in sorted(TERM_WARNINGS):
        if today >= add_months(ends_on, -months):
            return f"{months}m"
    return ""


def quorum_reached(*, expected: int, present: int) -> bool:
    """Election Regs: the meeting is valid only when the voters present are more than four fifths of the
    voters who should attend."""
    return expected > 0 and present * 5 > expected * 4


def is_elected(*, votes_for: int, present: int) -> bool:
    """Election Regs: a candidate is elected with more votes in favour than half the voters present."""
    return votes_for * 2 > present


def vacancy_flagged(*, since: datetime.date | None, today: datetime.date, months: int) -> bool:
    """A secretary post vacant for more than `months` months (DOMAIN §1, [local] LocalRules): the same day
    `months` later is not yet "more than". A vacancy whose start is unknown is flagged."""
    return since is None or today > add_months(since, months)


def election_problems(
    *, full_members: int, expected: int, present: int, seats: list[tuple[str, str, int]]
) -> list[str]:
    """What makes a recorded election invalid: `seats` are (name, post, votes in favour). Empty when valid."""
    problems = []
    if present > expected:
        problems.append(_("实到会人数（%(p)d）不能多于应到会人数（%(e)d）") % {"p": present, "e": expected})
    elif not quorum_reached(expected=expected, present=present):
        problems.append(
            _(
                "实到会有选举权的党员须超过应到会人数的五分之四（应到%(e)d人，实到%(p)d人），选举无效，请另行召开党员大会"
            )
            % {"e": expected, "p": present}
        )
    if not seats:
        problems.append(_("请至少填写一名当选人"))
        return problems
    posts = [post for _name, post, _votes in seats]
    if posts.count("secretary") != 1:
        problems.append(_("当选人中须有且只有一名书记"))
    if full_members >= BRANCH_COMMITTEE_MIN_FULL_MEMBERS:
        if not COMMITTEE_MIN_SEATS <= len(seats) <= COMMITTEE_MAX_SEATS:
            problems.append(
                _("正式党员7人以上的支部设支部委员会，委员%(min)d至%(max)d名（本次%(n)d名）")
                % {"min": COMMITTEE_MIN_SEATS, "max": COMMITTEE_MAX_SEATS, "n": len(seats)}
            )
    elif any(post not in SMALL_BRANCH_POSTS for post in posts) or len(seats) > len(SMALL_BRANCH_POSTS):
        problems.append(
            _("正式党员不足7人（现有%(n)d人）的支部不设支部委员会，只选书记，必要时设一名副书记") % {"n": full_members}
        )
    for name, _post, votes in seats:
        if votes > present:
            problems.append(_("%(name)s的赞成票（%(v)d）不能多于实到会人数") % {"name": name, "v": votes})
        elif not is_elected(votes_for=votes, present=present):
            problems.append(
                _("%(name)s的赞成票（%(v)d）未超过实到会人数（%(p)d）的一半，不能当选")
                % {"name": name, "v": votes, "p": present}
            )
    return problems


def assessable(*, year: int, today: datetime.date) -> str:
    """A year is assessed from its last quarter on (the township's year-end assessment), never ahead: the
    reason a year cannot be assessed yet, or ""."""
    if year > today.year or (year == today.year and today.month < 10):
        return _("%(year)d年度尚未结束，第四季度起方可评定") % {"year": year}
    return ""


def latest_assessable_year(today: datetime.date) -> int:
    return today.year if today.month >= 10 else today.year - 1


def milestone_overdue(*, due_on: datetime.date, done_on: datetime.date | None, today: datetime.date) -> bool:
    """A milestone not done by its deadline is overdue from the next day (the deadline day itself is in time)."""
    return done_on is None and today > due_on


def closing_problems(
    *, listed_on: datetime.date, closed_on: datetime.date, open_milestones: list[str], notes: int
) -> list[str]:
    """What stands in the way of closing a rectification (验收销号): every milestone done, at least one
    quarter's progress recorded, the decision not dated before the listing."""
    problems = []
    if closed_on < listed_on:
        problems.append(_("验收日期不能早于列入日期（%(day)s）") % {"day": listed_on.isoformat()})
    if open_milestones:
        problems.append(_("以下整顿任务尚未完成，不能验收销号：%(names)s") % {"names": "、".join(open_milestones)})
    if not notes:
        problems.append(_("尚未记录任何季度整顿进展，不能验收销号"))
    return problems
