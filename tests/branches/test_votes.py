"""The one vote rule of a general meeting (`branches.votes`), used by meeting records and by recruitment
votes: quorum and majority (Branch Regs art. 11; Recruitment Rules 2014 art. 20–21, 33), with absent
voters' written votes counted only where the caller says so. Pure: no database."""

import pytest

from branches.votes import more_than_half, not_passed_message, vote_result


def vote(should, present, yes, no=0, abstain=0, *, written=False, members=None):
    return vote_result(
        should_vote=should,
        present_vote=present,
        yes=yes,
        no=no,
        abstain=abstain,
        written_votes=written,
        members_with_vote=members,
    )


@pytest.mark.parametrize(
    "part,whole,more", [(9, 20, False), (10, 20, False), (11, 20, True), (4, 9, False), (5, 9, True)]
)
def test_more_than_half_exactly_half_is_not_enough(part, whole, more):
    assert more_than_half(part, whole) is more


# ------------------------------------------------------------------ moved from tests/meetings/test_rules.py


def test_vote_quorum_needs_more_than_half_of_members_with_a_vote_constitution_art17():
    outcome = vote(20, 10, 10)
    assert not outcome.quorum
    assert any("未超过应到有表决权党员20人的半数" in e for e in outcome.errors)
    assert vote(20, 11, 11).quorum


def test_motion_passes_when_yes_exceeds_half_of_voting_members_who_should_attend():
    """Not half of those present: 12 present of 20, 10 yes is a majority of the room but not of 20."""
    failed = vote(20, 12, 10, no=1, abstain=1)
    assert failed.errors == () and failed.quorum and not failed.passed
    assert failed.label == "未通过"
    passed = vote(20, 12, 11, no=1, abstain=0)
    assert passed.passed and passed.label == "通过"


def test_tally_must_add_up_to_voters_present():
    outcome = vote(20, 15, 10, no=2, abstain=1)
    assert outcome.errors == ("表决票数不符：同意10＋反对2＋弃权1＝13，应等于到会有表决权的党员15人",)


# ------------------------------------------------------------------ quorum


@pytest.mark.parametrize("written", [False, True])
def test_quorum_branch_regs_art11_recruitment_rules_art20_half_present_cannot_vote(written):
    """Half of the 10 members with a vote present is not a quorum, whatever the tally; 6 of 10 is."""
    half = vote(10, 5, 5, written=written)
    assert not half.quorum and not half.passed and half.label == "不足法定人数"
    assert half.errors == ("到会有表决权的党员5人，未超过应到有表决权党员10人的半数，不能表决",)
    assert vote(10, 6, 6, written=written).errors == ()
    assert vote(10, 6, 6, written=written).quorum


def test_quorum_with_an_odd_number_of_voters_branch_regs_art11():
    assert not vote(9, 4, 4).quorum
    assert vote(9, 5, 5).quorum and vote(9, 5, 5).passed


# ------------------------------------------------------------------ majority


def test_majority_branch_regs_art11_exactly_half_of_those_who_should_attend_fails():
    """10 should attend: 5 yes is exactly half and fails, 6 passes, even when every vote cast is yes."""
    exactly_half = vote(10, 8, 5, no=3)
    assert exactly_half.quorum and not exactly_half.majority and not exactly_half.passed
    assert exactly_half.errors == (), "a motion that did not win is an outcome, not an error"
    assert vote(10, 8, 6, no=2).passed
    assert not vote(10, 6, 5, abstain=1).passed, "5 of the 6 present is not a majority of 10"


def test_not_passed_message_names_the_votes_and_the_voters():
    assert not_passed_message(yes=5, should_vote=10) == "赞成票 5 票，未超过应到会有表决权党员 10 人的半数，不能通过"


# ------------------------------------------------------------------ written votes of absent voters


def test_written_votes_of_absent_voters_count_in_recruitment_recruitment_rules_art21():
    """11 should attend, 6 present (5 yes, 1 no) and 1 absent voter's written yes: 6 yes of 11 passes. Without
    written votes the same room has 5 yes, which does not."""
    with_written = vote(11, 6, 6, no=1, written=True)
    assert with_written.errors == () and with_written.passed
    without = vote(11, 6, 5, no=1, written=False)
    assert without.errors == () and not without.passed


def test_without_written_votes_a_tally_above_those_present_is_refused_branch_regs_art11():
    """A meeting record counts only the voters present: 7 ballots from 6 voters cannot be."""
    errors = vote(11, 6, 6, no=1, written=False).errors
    assert errors == ("表决票数不符：同意6＋反对1＋弃权0＝7，应等于到会有表决权的党员6人",)


def test_written_votes_bring_the_tally_up_to_those_who_should_attend_not_beyond_recruitment_rules_art21():
    assert vote(9, 6, 9, written=True).errors == (), "every absent voter wrote in: 9 ballots of 9"
    assert vote(9, 6, 9, no=1, written=True).errors == ("赞成、反对、弃权票合计不能多于应到人数（9）",)


def test_every_voter_present_casts_a_ballot_even_with_written_votes_recruitment_rules_art21():
    """Written votes are added to the ballots of those present, so the tally is at least the room."""
    assert vote(9, 6, 6, written=True).errors == ()
    short = vote(9, 6, 5, written=True).errors
    assert short == (
        "表决票数不符：同意5＋反对0＋弃权0＝5，少于到会有表决权的党员6人（到会党员每人都须投票，书面表决票另计）",
    )


# ------------------------------------------------------------------ who has a vote


def test_probationary_members_have_no_vote_constitution_art7():
    """Those who should attend cannot outnumber the branch's full members."""
    assert vote(9, 9, 9, members=9).errors == ()
    too_many = vote(10, 8, 8, members=9, written=True).errors
    assert too_many == ("应到有表决权党员 10 人，超过本支部正式党员 9 人（预备党员没有表决权）",)


def test_present_cannot_exceed_those_who_should_attend():
    assert vote(5, 6, 6).errors[0] == "实到人数（6）不能多于应到人数（5）"


def test_negative_counts_are_refused():
    assert "票数不能为负数" in vote(10, 8, 9, no=-1).errors
