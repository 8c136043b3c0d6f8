"""The bench county (bench/county) must not rot while the apps change under it: a tiny county with two years
of activity is valid by every check of bench.county.checks (field values and constraints, the roll and its
branch history, gap-free receipts, a ledger that reconciles to the fen after every remittance, recruitment
files that replay step by step through the rules, meeting records that pass the record check), has something
in every part and every stage of the pipeline, and comes out the same from the same seed."""

import datetime
import zoneinfo

from django.db import transaction

from bench.county import build
from bench.county.checks import run_checks
from dues.models import DuesEntry
from meetings.models import Meeting
from members.models import Member
from recruitment import rules
from recruitment.models import Applicant, RuleSet
from recruitment.selectors import file_status

TODAY = datetime.date(2026, 6, 15)
NOW = datetime.datetime(2026, 6, 15, 18, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def _build(seed=3, *, branches=8, members_per_branch=24):
    return build(
        townships=2,
        branches=branches,
        members_per_branch=members_per_branch,
        password="Bench-Only-2026",
        seed=seed,
        today=TODAY,
        now=NOW,
    )


def test_bench_county_is_valid(db):
    county = _build()
    results = run_checks(county=county["county"], today=TODAY, sample=30)
    assert results == {name: [] for name in results}
    counts = county["counts"]
    for part in (
        "members", "posts", "transfers", "mobile_records", "mobile_contacts", "applicants", "steps", "meetings",
        "attendance", "resolutions", "grades", "remote_sessions", "dues_standards", "dues_receipts",
        "dues_reversals", "dues_remittances", "notifications",
    ):  # fmt: skip
        assert counts[part] > 0, part
    assert counts["recruitment_refused_by_rules"] == 0
    rulesets = list(RuleSet.objects.all())
    stages = {file_status(a, today=TODAY, rulesets=rulesets).stage for a in Applicant.objects.prefetch_related("steps")}
    assert set(rules.STAGE_LABELS) - {rules.CLOSED_STAGE} <= stages


def _fingerprint() -> tuple:
    members = sorted(Member.objects.values_list("name", "birth_date", "joined_on", "branch__code", "lifecycle"))
    meetings = sorted(Meeting.objects.values_list("organization__code", "held_on", "topic"))
    entries = sorted(DuesEntry.objects.values_list("member__name", "month", "amount", "booked_on", "kind"))
    return members, meetings, entries


def test_bench_county_comes_out_the_same_from_the_same_seed(db):
    prints = []
    for seed in (5, 5, 6):
        with transaction.atomic():
            _build(seed, branches=4, members_per_branch=12)
            prints.append(_fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert prints[0] != prints[2]
