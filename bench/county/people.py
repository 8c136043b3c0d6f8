"""The roll: members of every branch with the mixes of the member demo (DOMAIN §7: age, sex, ethnicity,
education and occupation by kind of branch), valid generated ID numbers, party groups, office holders, the
deaths of the two years, and the data-quality problems a real county has (a few missing fields, ID numbers
that disagree with the recorded birth date, possible duplicates, a branch under 3 full members, secretary
posts vacant for months). Members are written by `write_members` once every part has shaped their timeline."""

import datetime

from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS, OrgCategory
from members import demo as members_demo
from members.models import Lifecycle, LifecycleEvent, Member, MemberPost, Membership, MemberStatus, Post
from members.rules import make_id_number
from partywork.dates import add_months, add_years

from .bulk import copy, history, insert, rows
from .plan import County, Person, Stay, between, pick

REGIONS = ("621121", "621122", "621123", "621124", "621125", "621126", "620102", "620123", "620521")
CREATED = "建档"


class Identities:
    """Valid, distinct ID numbers (GB 11643) and names for everyone the builder invents."""

    def __init__(self, rng):
        self.rng = rng
        self.used: set = set()

    def id_number(self, birth: datetime.date, sex: str) -> str:
        region = self.rng.choice(REGIONS)
        for sequence in range(self.rng.randrange(100), self.rng.randrange(100) + 200):
            key = (region, birth, sequence % 100, sex)
            if key not in self.used:
                self.used.add(key)
                return make_id_number(region=region, birth_date=birth, sequence=sequence % 100, sex=sex)
        return self.id_number(birth + datetime.timedelta(days=1), sex)

    def name(self, sex: str) -> str:
        pool = members_demo.MALE if sex == "M" else members_demo.FEMALE
        if self.rng.random() < 0.7:
            given = pool[self.rng.randrange(0, len(pool) // 2) * 2 :][:2]
        else:
            given = self.rng.choice(pool)
        return self.rng.choice(members_demo.SURNAMES) + given


def new_member(rng, ids: Identities, *, category: str, today: datetime.date, age=None, sex=None) -> Member:
    """An unsaved member with identity fields only (party standing and branch are set by the caller)."""
    sex = sex or ("F" if rng.random() < 0.30 else "M")
    low, high = age or pick(rng, [((lo, hi), w) for lo, hi, w in members_demo.AGES])
    if category in (OrgCategory.OFFICE, OrgCategory.SCHOOL, OrgCategory.OTHER):
        high = min(high, 59)
        low = min(low, high)
    years = rng.randint(low, high)
    birth = add_years(today, -years) - datetime.timedelta(days=rng.randint(1, 360))
    occupation = pick(rng, members_demo.OCCUPATION[category])
    if category in (OrgCategory.VILLAGE, OrgCategory.COMMUNITY) and years >= 62 and rng.random() < 0.5:
        occupation = "retired"
    if occupation == "student" and years > 30:
        occupation = "other"
    education = pick(rng, members_demo.EDUCATION[category])
    if years >= 65 and category == OrgCategory.VILLAGE:
        education = "junior_or_below" if rng.random() < 0.8 else "high_school"
    member = Member(
        sex=sex,
        birth_date=birth,
        ethnicity=pick(rng, members_demo.ETHNIC),
        education=education,
        occupation=occupation,
        lifecycle=Lifecycle.ACTIVE,
    )
    member.set_name(ids.name(sex))
    member.set_id_number(ids.id_number(birth, sex))
    if rng.random() < 0.95:
        member.set_phone(rng.choice(members_demo.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}")
    else:
        member.set_phone("")
    return member


def _standing(rng, member: Member, start: datetime.date) -> tuple[datetime.date, datetime.date | None]:
    """Admission and confirmation dates for someone on the roll before the two years began: mostly full
    members for years; a few admitted in the year before, confirmed during the two years."""
    birth = member.birth_date
    years = (start - birth).days // 365
    if years < 45 and rng.random() < 0.02:
        joined = start - datetime.timedelta(days=rng.randint(30, 330))
        return joined, add_years(joined, 1) + datetime.timedelta(days=rng.randint(0, 30))
    earliest = add_years(birth, 19)
    latest = add_years(start, -1) - datetime.timedelta(days=60)
    joined = between(rng, earliest, latest)
    joined = max(min(joined, add_years(birth, rng.randint(22, 45))), earliest)
    return joined, add_years(joined, 1) + datetime.timedelta(days=rng.randint(0, 40))


def build_roll(county: County) -> None:
    """Everyone on the roll when the two years begin, with party groups, office holders and deaths."""
    rng = county.rng("people")
    ids = county.identities = Identities(county.rng("ids"))
    start, today = county.start, county.today
    for branch in county.branches:
        category = branch.org.category
        village = branch.org.short_name
        for index in range(branch.size):
            member = new_member(rng, ids, category=category, today=today, age=(38, 58) if index < 2 else None)
            joined, confirmed = _standing(rng, member, start)
            if index < 2 and confirmed and confirmed > start:
                joined = add_years(start, -rng.randint(5, 20))
                confirmed = add_years(joined, 1)
            if category == OrgCategory.VILLAGE:
                member.address = f"{village}{rng.randint(1, 8)}社"
            elif category == OrgCategory.COMMUNITY:
                member.address = f"{village}{rng.randint(1, 30)}号楼"
            else:
                member.work_unit = {OrgCategory.OFFICE: f"{branch.township.short_name}人民政府"}.get(
                    category, f"{branch.township.short_name}中心学校 教师"
                )
            if rng.random() < 0.01:
                member.address = member.work_unit = ""  # a missing field on the data-quality page
            group = branch.groups[index % len(branch.groups)] if branch.groups else None
            if group is not None and index >= 2 and rng.random() < 0.03:
                group = None  # not yet placed in a party group
            person = Person(
                key=len(county.people),
                member=member,
                joined=joined,
                confirmed=confirmed,
                stays=[Stay(branch.pk, group.pk if group else None, joined, start_reason=CREATED)],
            )
            county.people.append(person)
    _small_branch(county, rng)
    _offices(county, rng)
    _deaths(county, rng)
    _quality_problems(county, rng)


def _small_branch(county: County, rng) -> None:
    """Branch Regs art. 5 wants 3 full members: the county's last branch has 2 (and 2 probationary)."""
    if len(county.branches) < 3:
        return
    branch = county.branches[-1]
    people = county.members_of(branch)
    for person in people[4:]:
        county.people.remove(person)
    for person in people[2:4]:
        person.joined = county.today - datetime.timedelta(days=rng.randint(120, 300))
        person.confirmed = None
        person.stays[0].start = person.joined
    for person in people[:2]:
        if person.confirmed is None or person.confirmed > county.start:
            person.joined = add_years(county.start, -10)
            person.confirmed = add_years(person.joined, 1)
            person.stays[0].start = person.joined
    for index, person in enumerate(county.people):
        person.key = index
    county.forget_members()
    branch.size = 4
    branch.receives = False
    county.problems["small_branch"] = branch.org.code


def _offices(county: County, rng) -> None:
    """A secretary and an organisation member in every branch; with 7 or more full members a committee of 3–5
    (Branch Regs); a leader for every party group. They are the branch's anchors (see Person.anchor)."""
    vacancies = set()
    candidates = [b for b in county.branches[1:] if b.size >= 10]
    for branch in rng.sample(candidates, k=min(len(candidates), max(1, len(county.branches) // 200))):
        vacancies.add(branch.pk)
    county.problems["vacancies"] = sorted(county.branch_of(pk).org.code for pk in vacancies)
    posts = []
    for branch in county.branches:
        people = county.members_of(branch)
        full = [p for p in people if p.confirmed and p.confirmed <= county.start]
        began = add_months(county.start, -rng.randint(3, 40))
        committee_size = (rng.randint(3, 5) if len(full) >= BRANCH_COMMITTEE_MIN_FULL_MEMBERS else 2) if full else 0
        officers = full[:committee_size]
        kinds = [Post.SECRETARY, Post.ORGANIZATION, Post.PROPAGANDA, Post.DISCIPLINE, Post.DEPUTY]
        for person, post in zip(officers, kinds, strict=False):
            person.anchor = True
            started = max(began, person.confirmed)
            ended = None
            if post == Post.SECRETARY and branch.pk in vacancies:
                # The secretary left the post months ago and nobody has been elected since (DOMAIN §1).
                ended = county.today - datetime.timedelta(days=rng.randint(100, 240))
            else:
                branch.committee.append(person)
            if post == Post.SECRETARY and ended is None:
                branch.secretary = person
            if post == Post.ORGANIZATION:
                branch.organizer = person
            posts.append((person, branch.pk, post, started, ended))
        for group in branch.groups:
            leader = next(
                (p for p in full if p.stays[0].group == group.pk and not p.anchor),
                next((p for p in full if p.stays[0].group == group.pk), None),
            )
            if leader is not None:
                leader.anchor = True
                branch.group_leaders[group.pk] = leader
                posts.append((leader, group.pk, Post.GROUP_LEADER, max(began, leader.confirmed), None))
        # Two more full members who stay put: cultivating contacts and sponsors for the applicants.
        for person in [p for p in full if not p.anchor][:2]:
            person.anchor = True
    county.posts = posts


def _deaths(county: County, rng) -> None:
    """About 0.7 % of members over 60 die each year."""
    span = (county.today - county.start).days
    for person in county.people:
        age = (county.today - person.member.birth_date).days // 365
        if person.anchor or age < 60 or rng.random() > 0.007 * span / 365 * (1 + (age - 60) / 10):
            continue
        day = between(rng, county.start, county.today - datetime.timedelta(days=3))
        if day <= max(person.joined, person.stays[0].start):
            continue
        person.gone, person.gone_state = day, Lifecycle.DECEASED
        person.stays[-1].end = day
        person.stays[-1].end_reason = str(Lifecycle.DECEASED.label)


def _quality_problems(county: County, rng) -> None:
    """A few ID numbers that disagree with the recorded birth date (a typing slip in an old import) and a few
    pairs sharing name and birth date across branches (one person twice?)."""
    plain = [p for p in county.people if not p.anchor and p.gone is None and len(p.stays) == 1]
    mismatched = rng.sample(plain, k=min(3, len(plain)))
    for person in mismatched:
        person.member.birth_date += datetime.timedelta(days=rng.choice((-31, 1, 10)))
    county.problems["id_mismatches"] = [p.key for p in mismatched]
    twins = []
    for _ in range(2):
        if len(plain) < 10:
            break
        original, copy_ = rng.sample([p for p in plain if p not in mismatched], k=2)
        if original.branch == copy_.branch:
            continue
        copy_.member.set_name(original.member.name)
        copy_.member.sex = original.member.sex
        copy_.member.birth_date = original.member.birth_date
        copy_.member.set_id_number(county.identities.id_number(original.member.birth_date, original.member.sex))
        if copy_.joined < add_years(copy_.member.birth_date, 19):
            copy_.joined = add_years(copy_.member.birth_date, 20)
            copy_.confirmed = add_years(copy_.joined, 1)
            copy_.stays[0].start = copy_.joined
        twins.append((original.key, copy_.key))
    county.problems["duplicates"] = twins


def write_members(county: County) -> None:
    """Write everyone with the state their timeline ends in, their branch history (Membership), posts, state
    changes (LifecycleEvent) and the audit row of their file."""
    today, admin = county.today, county.admin
    imported = county.at(county.start - datetime.timedelta(days=45), 9)
    members = []
    for person in county.people:
        member, last = person.member, person.stays[-1]
        member.branch_id, member.group_id = last.branch, last.group
        member.joined_on, member.confirmed_on = person.joined, person.confirmed
        member.status = MemberStatus.FULL if person.confirmed else MemberStatus.PROBATIONARY
        member.is_mobile = bool(person.away and person.away[-1][1] is None)
        member.lifecycle = person.gone_state or Lifecycle.ACTIVE
        if person.gone:
            member.lifecycle_changed_on = person.gone
            member.lifecycle_reason = getattr(person, "gone_reason", "") or str(Lifecycle(person.gone_state).label)
        created = imported if person.stays[0].start <= county.start else county.at(person.stays[0].start, 16)
        member.created_at = created
        member.updated_at = max(created, county.at(min(today, _last_change(person)), 17))
        member._history_date, member._history_user = created, _recorder(county, person)
        members.append(member)
    insert(Member, members)
    history(Member, members)
    memberships = rows(
        Membership,
        ["member_id", "organization_id", "started_on", "ended_on", "start_reason", "end_reason"],
        (
            (p.pk, s.branch, s.start, s.end, s.start_reason[:100], s.end_reason[:100])
            for p in county.people
            for s in p.stays
        ),
    )
    posts = [
        MemberPost(member_id=p.pk, organization_id=org, post=post, started_on=started, ended_on=ended)
        for p, org, post, started, ended in county.posts
    ]
    insert(MemberPost, posts)
    history(MemberPost, posts, user=admin, when=imported)
    events = [
        LifecycleEvent(
            member_id=p.pk,
            state=p.gone_state,
            on=p.gone,
            reason=(getattr(p, "gone_reason", "") or str(Lifecycle(p.gone_state).label))[:200],
            recorded_by=county.system_user if p.gone_state == Lifecycle.LOST_CONTACT else _recorder(county, p),
            recorded_at=county.at(min(today, p.gone + datetime.timedelta(days=2)), 11),
        )
        for p in county.people
        if p.gone
    ]
    copy(LifecycleEvent, events)
    county.counts.update(members=len(members), memberships=memberships, posts=len(posts))


def _last_change(person: Person) -> datetime.date:
    days = [person.stays[-1].start, person.joined]
    if person.confirmed:
        days.append(person.confirmed)
    if person.gone:
        days.append(person.gone)
    days += [left for left, _back in person.away] + [back for _left, back in person.away if back]
    return max(days)


def _recorder(county: County, person: Person):
    return county.branch_of(person.stays[0].branch).clerk or county.admin
