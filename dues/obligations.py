"""What members owe, month by month: standards, approved reliefs and branch history loaded in a fixed
number of queries for any number of members, then resolved by the pure rules."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from members.models import Membership

from . import rules
from .models import DuesBracket, DuesParameters, DuesRelief, DuesStandard, PaidMonth


@dataclass
class Obligation:
    member_id: int
    month: datetime.date
    org_id: int | None  # the branch the month is owed to; None = not owed (before joining, after leaving)
    standard: DuesStandard | None
    relief: DuesRelief | None

    @property
    def amount(self) -> Decimal | None:
        """The amount owed for the month; None when no standard has been set yet."""
        if self.relief is not None:
            return self.relief.amount
        return self.standard.amount if self.standard is not None else None

    @property
    def owed(self) -> bool:
        """Owed and tracked: in a branch, with a standard, not waived."""
        return self.org_id is not None and self.amount is not None and self.amount > 0


def params_versions() -> list[rules.DuesParams]:
    """Every version of the dues parameters (two queries)."""
    versions = []
    for params in DuesParameters.objects.prefetch_related("brackets"):
        scales = defaultdict(list)
        for bracket in params.brackets.all():
            scales[bracket.scale].append(rules.Bracket(bracket.upper, bracket.rate))
        versions.append(
            rules.DuesParams(
                year_from=params.year_from,
                salaried=tuple(scales[DuesBracket.Scale.SALARIED]),
                retired=tuple(scales[DuesBracket.Scale.RETIRED]),
                farmer_amount=params.farmer_amount,
                minimal_amount=params.minimal_amount,
            )
        )
    return versions


class Ledger:
    """Branch history, standards and approved reliefs of a set of members, and their paid months."""

    def __init__(self, member_ids, *, until: datetime.date | None = None, with_paid: bool = True):
        member_ids = list(member_ids)
        self.stays = defaultdict(list)
        for membership in Membership.objects.filter(member_id__in=member_ids).only(
            "member_id", "organization_id", "started_on", "ended_on"
        ):
            self.stays[membership.member_id].append(
                rules.Stay(membership.organization_id, membership.started_on, membership.ended_on)
            )
        standards = DuesStandard.objects.filter(member_id__in=member_ids).order_by("member_id", "valid_from")
        if until is not None:
            standards = standards.filter(valid_from__lte=until)
        self.standards = defaultdict(list)
        for standard in standards:
            self.standards[standard.member_id].append(standard)
        self.reliefs = defaultdict(list)
        for relief in DuesRelief.objects.filter(member_id__in=member_ids, status=DuesRelief.Status.APPROVED):
            self.reliefs[relief.member_id].append(relief)
        self.paid: dict[tuple[int, datetime.date], int] = {}
        if with_paid:
            for member_id, month, entry_id in PaidMonth.objects.filter(member_id__in=member_ids).values_list(
                "member_id", "month", "entry_id"
            ):
                self.paid[(member_id, month)] = entry_id

    def obligation(self, member, month: datetime.date) -> Obligation:
        org_id = rules.owing_org(self.stays.get(member.pk, []), member.joined_on, month)
        standard = None
        for row in self.standards.get(member.pk, []):
            if row.valid_from <= month:
                standard = row
            else:
                break
        relief = next(
            (r for r in self.reliefs.get(member.pk, []) if r.first_month <= month <= r.last_month),
            None,
        )
        return Obligation(member.pk, month, org_id, standard, relief)

    def first_tracked_month(self, member) -> datetime.date | None:
        rows = self.standards.get(member.pk)
        return rows[0].valid_from if rows else None

    def is_paid(self, member, month) -> bool:
        return (member.pk, month) in self.paid
