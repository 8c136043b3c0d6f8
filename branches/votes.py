"""The vote rule of a branch's general meeting, one for every app that records a vote (DOMAIN §2). Pure: no ORM.

- Quorum: more than half of the members with a vote who should attend are present (Branch Regs art. 11;
  Recruitment Rules 2014 art. 20 for admission, art. 33 for confirmation).
- Majority: a motion passes when the yes votes are more than half of the members with a vote who should
  attend, not of those present (Branch Regs art. 11; Recruitment Rules 2014 art. 21).
- Probationary members have no vote (Constitution art. 7), so every count here is of full members.
- Written votes: in a recruitment vote, a member with a vote who cannot attend and sends a written opinion
  before the meeting is counted in the tally (Recruitment Rules 2014 art. 21, art. 33). Other resolutions
  count only the voters present. The caller says which applies (`written_votes`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


def more_than_half(part: int, whole: int) -> bool:
    """Exactly half is not more than half: 5 of 10 is not, 6 of 10 and 5 of 9 are."""
    return part * 2 > whole


@dataclass(frozen=True)
class VoteResult:
    """`errors`: the tally cannot be right (or the meeting could not vote), so it is refused as entered.
    A motion that simply did not win is not an error: `passed` is False and the caller records it so."""

    errors: tuple[str, ...]
    quorum: bool
    majority: bool

    @property
    def passed(self) -> bool:
        return self.quorum and self.majority

    @property
    def label(self) -> str:
        if not self.quorum:
            return _("不足法定人数")
        return _("通过") if self.passed else _("未通过")


def not_passed_message(*, yes: int, should_vote: int) -> str:
    """Why a motion failed, for callers that may only record a motion that passed (an admission)."""
    return _("赞成票 %(y)d 票，未超过应到会有表决权党员 %(s)d 人的半数，不能通过") % {"y": yes, "s": should_vote}


def _tally_errors(*, should_vote: int, present_vote: int, yes: int, no: int, abstain: int, written_votes: bool):
    """Every voter present casts a ballot (yes, no or abstain). Without written votes that is the whole
    tally; with them, absent voters' written votes may add up to the members who should attend."""
    total = yes + no + abstain
    if not written_votes:
        if total == present_vote:
            return []
        return [
            _(
                "表决票数不符：同意%(yes)d＋反对%(no)d＋弃权%(abstain)d＝%(total)d，应等于到会有表决权的党员%(present)d人"
            )
            % {"yes": yes, "no": no, "abstain": abstain, "total": total, "present": present_vote}
        ]
    if total > should_vote:
        return [_("赞成、反对、弃权票合计不能多于应到人数（%(s)d）") % {"s": should_vote}]
    if total < present_vote:
        return [
            _(
                "表决票数不符：同意%(yes)d＋反对%(no)d＋弃权%(abstain)d＝%(total)d，"
                "少于到会有表决权的党员%(present)d人（到会党员每人都须投票，书面表决票另计）"
            )
            % {"yes": yes, "no": no, "abstain": abstain, "total": total, "present": present_vote}
        ]
    return []


def vote_result(
    *,
    should_vote: int,
    present_vote: int,
    yes: int,
    no: int,
    abstain: int,
    written_votes: bool,
    members_with_vote: int | None = None,
) -> VoteResult:
    """Check one motion's tally and decide it (module docstring for the rules). `should_vote` and
    `present_vote` count members with a vote; `members_with_vote`, when given, is how many full members the
    branch has, which those who should attend cannot exceed."""
    errors = []
    if min(should_vote, present_vote, yes, no, abstain) < 0:
        errors.append(_("票数不能为负数"))
    if members_with_vote is not None and should_vote > members_with_vote:
        errors.append(
            _("应到有表决权党员 %(should)d 人，超过本支部正式党员 %(full)d 人（预备党员没有表决权）")
            % {"should": should_vote, "full": members_with_vote}
        )
    if present_vote > should_vote:
        errors.append(_("实到人数（%(p)d）不能多于应到人数（%(s)d）") % {"p": present_vote, "s": should_vote})
    errors += _tally_errors(
        should_vote=should_vote, present_vote=present_vote, yes=yes, no=no, abstain=abstain, written_votes=written_votes
    )
    quorum = more_than_half(present_vote, should_vote)
    if not quorum:
        errors.append(
            _("到会有表决权的党员%(present)d人，未超过应到有表决权党员%(should)d人的半数，不能表决")
            % {"present": present_vote, "should": should_vote}
        )
    return VoteResult(tuple(errors), quorum, more_than_half(yes, should_vote))
