"""What the builder knows about the county while it writes it: the organisations, the accounts that act in
them, and each person's timeline (branch stays, admission and confirmation, leaving, time away), from which
every later part (meetings, dues, recruitment, reminders) derives who was where on any day."""

import datetime
import random
from dataclasses import dataclass, field

from partywork.dates import add_months, month_start


@dataclass
class Stay:
    """One membership: in `branch` (and `group`) from `start` until `end` (the day of leaving; None: still)."""

    branch: int
    group: int | None
    start: datetime.date
    end: datetime.date | None = None
    start_reason: str = ""
    end_reason: str = ""

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Person:
    """A member of the county (or someone who becomes one in the two years) and what happens to them."""

    key: int  # position in County.people, stable before the database gives ids
    member: object  # the unsaved members.Member
    joined: datetime.date
    confirmed: datetime.date | None
    stays: list[Stay]
    gone: datetime.date | None = None  # no longer active from this day (deceased, transferred out, lost)
    gone_state: str = ""
    away: list[tuple[datetime.date, datetime.date | None]] = field(default_factory=list)
    anchor: bool = False  # an office holder or sponsor: stays put, so records naming them stay valid
    behaviour: str = ""  # how they pay dues (bench.county.dues); set there unless another part decided

    @property
    def pk(self) -> int:
        return self.member.pk

    def stay_on(self, day: datetime.date) -> Stay | None:
        return next((s for s in self.stays if s.covers(day)), None)

    def active_on(self, day: datetime.date) -> bool:
        return self.joined <= day and (self.gone is None or day < self.gone) and self.stay_on(day) is not None

    def full_on(self, day: datetime.date) -> bool:
        return self.confirmed is not None and self.confirmed <= day

    def away_on(self, day: datetime.date) -> bool:
        return any(left <= day and (back is None or day < back) for left, back in self.away)

    @property
    def branch(self) -> int:
        return self.stays[-1].branch

    @property
    def stable(self) -> bool:
        """In one branch all along, never leaving, never away: safe to name on records."""
        return len(self.stays) == 1 and self.gone is None and not self.away


@dataclass
class Branch:
    org: object  # branches.Organization
    township: object
    groups: list
    size: int
    profile: str = "good"  # how diligent its organisational life is: good, patchy, weak
    clerk: object = None  # the user who records its work (its secretary's account, or the township's)
    has_account: bool = True
    receives: bool = True  # may members move or be admitted into it (not the deliberately small branch)
    day: int = 15  # the branch's fixed day of the month (theme day, dues collection)
    committee: list = field(default_factory=list)  # Persons holding a branch post (the branch committee)
    secretary: Person | None = None
    organizer: Person | None = None
    group_leaders: dict = field(default_factory=dict)  # group pk -> Person

    @property
    def pk(self) -> int:
        return self.org.pk


@dataclass
class County:
    seed: int
    today: datetime.date
    now: datetime.datetime | None = None  # no record is stamped later than this
    org: object = None
    townships: list = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    accounts: dict = field(default_factory=dict)  # persona -> user
    township_clerks: dict = field(default_factory=dict)  # township pk -> the organiser's user (dues, records)
    township_secretaries: dict = field(default_factory=dict)  # township pk -> the secretary's user (approvals)
    admin: object = None
    system_user: object = None
    counts: dict = field(default_factory=dict)
    ids: object = None  # bench.county.bulk.Ids
    problems: dict = field(default_factory=dict)  # deliberate data-quality problems, for the checks

    @property
    def start(self) -> datetime.date:
        """The first day of the two years of activity: 1 January of last year."""
        return datetime.date(self.today.year - 1, 1, 1)

    @property
    def months(self) -> list[datetime.date]:
        """The first day of every month from `start` to this month."""
        months, month = [], self.start
        while month <= month_start(self.today):
            months.append(month)
            month = add_months(month, 1)
        return months

    def at(self, day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
        """A moment of a day in the county's time zone, never later than the build's `now`."""
        from django.utils import timezone

        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return min(self.now, moment) if self.now else moment

    def rng(self, part: str) -> random.Random:
        """A generator of its own for each part, so changing one part leaves the others as they were."""
        return random.Random(f"{self.seed}:{part}")

    def branch_of(self, pk: int) -> Branch:
        return self._by_pk[pk]

    def index(self) -> None:
        self._by_pk = {b.pk: b for b in self.branches}

    def members_of(self, branch: Branch) -> list[Person]:
        """Everyone who was ever in the branch."""
        if not hasattr(self, "_members_of"):
            self._members_of = {}
            for person in self.people:
                for pk in {s.branch for s in person.stays}:
                    self._members_of.setdefault(pk, []).append(person)
        return self._members_of.get(branch.pk, [])

    def forget_members(self) -> None:
        self.__dict__.pop("_members_of", None)


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))
