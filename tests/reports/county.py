"""A small county built by hand for the dashboards: two townships, four branches, known members, movements,
meetings, dues, applicants, mobile members and a remote-education site, everything through the apps' services.
The figures each dashboard must show for the second quarter of 2026, as seen on 17 June 2026, are worked out by
hand in tests/reports/test_figures.py next to the data they come from.

    t1 一号乡党委: b1 甲村 (group g1), b2 乙村          t2 二号镇党委: b3 丙村 (group g3), b4 丁村 (group g4)
"""

import datetime
from types import SimpleNamespace

from branches.rules import OrgKind
from dues import services as dues_services
from dues.rules import Category
from meetings import services as meeting_services
from meetings.models import RemoteSite
from members import posts
from members.models import Lifecycle
from members.services import member_set_lifecycle
from movements.services import mobile as mobile_services
from movements.services import transfers
from partywork.dates import add_months
from reports import periods
from tests.factories import MemberFactory, OrganizationFactory, id_number_for
from tests.meetings import factories as meeting_factories
from tests.recruitment import factories as recruitment_factories

TODAY = datetime.date(2026, 6, 17)
Q2 = periods.parse("2026Q2", TODAY)
OLD = datetime.date(1970, 1, 1)
D = datetime.date


def _member(branch, name, *, group=None, sex="M", birth=OLD, address="村里", **extra):
    return MemberFactory(branch=branch, group=group, name=name, sex=sex, birth_date=birth, address=address, **extra)


def _pay(branch, member, first, last, paid_on, by):
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    dues_services.dues_collect(org=branch, member=member, months=months, paid_on=paid_on, by=by)


def build(world, by) -> SimpleNamespace:
    """The county on top of tests.factories.county_tree (world): `by` is a county administrator."""
    c = SimpleNamespace(**vars(world))
    c.b4 = OrganizationFactory(parent=world.t2, name="丁村党支部", code="C0202")
    c.g4 = OrganizationFactory(parent=c.b4, name="丁村第一党小组", code="C020201", kind=OrgKind.GROUP)

    # b1 甲村: seven full members (a committee is required) and one probationary member admitted in May.
    c.m1 = _member(c.b1, "甲一", group=c.g1, birth=D(1990, 6, 18), education="bachelor", occupation="party_government")
    c.m2 = _member(c.b1, "甲二", group=c.g1, sex="F", birth=D(1990, 6, 17))
    c.m3 = _member(c.b1, "甲三", group=c.g1, sex="F")
    c.m4 = _member(c.b1, "甲四", group=c.g1, ethnicity="回族")
    # The ID number says 1971: a data-quality problem.
    c.m5 = _member(c.b1, "甲五", group=c.g1, id_number=id_number_for(D(1971, 1, 1), "M", 95))
    c.m6 = _member(c.b1, "甲六", group=c.g1, address="")  # no address nor work unit: missing fields
    c.m7 = _member(c.b1, "甲七", group=c.g1)  # away since November, never reached: lost contact
    c.m8 = _member(c.b1, "甲八", group=c.g1)  # removed on 1 June
    c.p1 = _member(
        c.b1, "甲新", group=c.g1, sex="F", birth=D(2002, 3, 1), status="probationary", joined_on=D(2026, 5, 10)
    )
    # b2 乙村: four members, one dies, one moves to b4 (the other township); its secretary left in February.
    c.n1 = _member(c.b2, "乙一")  # owes since November 2025, never paid
    c.n2 = _member(c.b2, "乙二")
    c.n3 = _member(c.b2, "乙三")
    c.n4 = _member(c.b2, "乙四")
    # b3 丙村: five members; one moves to b4 (same township), one leaves the county with a letter.
    c.q1 = _member(c.b3, "丙一", group=c.g3, sex="F")
    c.q2 = _member(c.b3, "丙二", group=c.g3)  # away, contact overdue; paid only January to March
    c.q3 = _member(c.b3, "丙三", group=c.g3)
    c.q4 = _member(c.b3, "丙四", group=c.g3)
    c.q5 = _member(c.b3, "丙五", group=c.g3)
    # b4 丁村: three members (one in the group g4, alone: too small); r3 has q3's name and birth date.
    c.r1 = _member(c.b4, "丁一", group=c.g4, ethnicity="藏族")
    c.r2 = _member(c.b4, "丁二", address="")
    c.r3 = _member(c.b4, "丙三", address="")

    for member, branch in ((c.m1, c.b1), (c.q1, c.b3), (c.r1, c.b4), (c.n2, c.b2)):
        posts.post_add(by=by, member=member, organization=branch, post="secretary", started_on=D(2020, 1, 1))
    posts.post_end(by=by, post=c.n2.posts.get(), ended_on=D(2026, 2, 28))

    # Recruitment. b4: a file admitted this year (approval, step 17, on 15 May; the vote on 15 April is the
    # new member's 入党日期), recorded while b4 has exactly its three full members to vote.
    schedule = {n: add_months(day, 18) for n, day in recruitment_factories.SCHEDULE.items()}
    c.f4 = recruitment_factories.applicant(by=by, branch=c.b4, applied_on=D(2024, 7, 10), name="丁发展")
    recruitment_factories.advance(c.f4, by=by, to=17, sponsors=[c.r1, c.r2, c.r3], schedule=schedule)
    # b1: an applicant of January (stage 1), an activist of last July whose assessment is overdue.
    c.f1 = recruitment_factories.applicant(by=by, branch=c.b1, applied_on=D(2026, 1, 10), name="甲申请")
    recruitment_factories.advance(c.f1, by=by, to=2, schedule={2: D(2026, 1, 20)})
    c.f2 = recruitment_factories.applicant(by=by, branch=c.b1, applied_on=D(2025, 1, 10), name="甲积极")
    recruitment_factories.advance(
        c.f2,
        by=by,
        to=5,
        sponsors=[c.m1],
        schedule={2: D(2025, 1, 20), 3: D(2025, 7, 10), 4: D(2025, 7, 15), 5: D(2025, 7, 20)},
    )
    # b3: an activist confirmed this January, assessed on 1 June.
    c.f3 = recruitment_factories.applicant(by=by, branch=c.b3, applied_on=D(2025, 6, 10), name="丙积极")
    recruitment_factories.advance(
        c.f3,
        by=by,
        to=6,
        sponsors=[c.q1],
        schedule={2: D(2025, 6, 20), 3: D(2026, 1, 5), 4: D(2026, 1, 10), 5: D(2026, 1, 15), 6: D(2026, 6, 1)},
    )
    c.f4_member = c.f4.__class__.objects.get(pk=c.f4.pk).member

    # Dues: the farmers' 0.50 a month from January (n1 from November 2025); r4 and the new members have none.
    for member in (c.m1, c.m2, c.m3, c.m4, c.m5, c.m6, c.m7, c.m8, c.n2, c.n3, c.n4, c.q1, c.q2, c.q3, c.q4, c.q5,
                   c.r1, c.r2, c.r3):  # fmt: skip
        dues_services.standard_change(
            org=member.branch, member=member, month=D(2026, 1, 1), category=Category.FARMER, base=None,
            reason="年初核定", by=by,
        )  # fmt: skip
    dues_services.standard_change(
        org=c.b2, member=c.n1, month=D(2025, 11, 1), category=Category.FARMER, base=None, reason="核定", by=by
    )
    jan, mar, apr, may, jun = D(2026, 1, 1), D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1)
    for member in (c.m1, c.m2, c.m3, c.m4, c.m5, c.m6):
        _pay(c.b1, member, jan, jun, D(2026, 6, 10), by)
    _pay(c.b1, c.m8, jan, jun, D(2026, 5, 25), by)
    _pay(c.b2, c.n2, jan, jun, D(2026, 6, 10), by)
    _pay(c.b2, c.n3, jan, may, D(2026, 5, 10), by)
    _pay(c.b2, c.n4, jan, apr, D(2026, 4, 10), by)
    _pay(c.b3, c.q2, jan, mar, D(2026, 3, 20), by)
    _pay(c.b3, c.q4, jan, apr, D(2026, 4, 5), by)
    _pay(c.b3, c.q5, jan, may, D(2026, 5, 1), by)
    for member in (c.q1, c.q3):
        _pay(c.b3, member, jan, jun, D(2026, 6, 10), by)
    for member in (c.r1, c.r3):
        _pay(c.b4, member, jan, jun, D(2026, 6, 10), by)
    _pay(c.b4, c.r2, jan, D(2026, 2, 1), D(2026, 2, 10), by)
    _pay(c.b4, c.r2, apr, jun, D(2026, 6, 10), by)
    # b3 hands the first quarter (q2's 1.50) to its township on 15 April.
    c.remittance = dues_services.dues_remit(org=c.b3, first_month=jan, last_month=mar, by=by, on=D(2026, 4, 15))

    # Movements.
    move = transfers.transfer_start(by=by, member=c.q4, to_branch=c.b4, reason="搬迁", issued_on=D(2026, 4, 8))
    transfers.transfer_accept(by=by, transfer=move, on=D(2026, 4, 10))
    _pay(c.b4, c.q4, may, jun, D(2026, 6, 10), by)
    transfers.transfer_issue_letter(
        by=by,
        member=c.q5,
        external_org="外省某县委组织部",
        reason="外出工作",
        issued_on=D(2026, 5, 5),
        dues_paid_until=may,
        valid_until=D(2026, 6, 3),
    )
    move = transfers.transfer_start(by=by, member=c.n3, to_branch=c.b4, reason="婚嫁", issued_on=D(2026, 5, 12))
    transfers.transfer_accept(by=by, transfer=move, on=D(2026, 5, 15))
    _pay(c.b4, c.n3, jun, jun, D(2026, 6, 10), by)
    transfers.transfer_register_in(
        by=by,
        branch=c.b4,
        letter_number="外省组转〔2026〕第008号",
        letter_date=D(2026, 6, 1),
        external_org="外省某镇党委",
        received_on=D(2026, 6, 5),
        name="丁四",
        sex="F",
        ethnicity="汉族",
        birth_date=D(1950, 1, 1),
        id_number=id_number_for(D(1950, 1, 1), "F", 96),
        phone="",
        education="junior_or_below",
        occupation="farmer",
        work_unit="",
        address="",
        status="full",
        joined_on=D(1980, 7, 1),
        confirmed_on=D(1981, 7, 1),
    )
    member_set_lifecycle(by=by, member=c.n4, state=Lifecycle.DECEASED, on=D(2026, 4, 20), reason="病故")
    member_set_lifecycle(by=by, member=c.m8, state=Lifecycle.REMOVED, on=D(2026, 6, 1), reason="除名")
    for member, left, contact in ((c.m7, D(2025, 11, 1), None), (c.q2, D(2025, 10, 1), D(2026, 3, 1))):
        record = mobile_services.mobile_start(
            by=by,
            member=member,
            left_on=left,
            reason="务工",
            dest_province="广东省",
            dest_city="深圳市",
            contact_person=c.m1 if member.branch_id == c.b1.pk else c.q1,
        )
        if contact:
            mobile_services.mobile_contact_record(by=by, record=record, contacted_on=contact, channel="phone")

    # Meetings of the second quarter (everyone present; the factory records them through the services).
    def meet(org, day, *kinds, **extra):
        return meeting_factories.meeting(org, by, kinds=kinds, held_on=day, today=TODAY, **extra)

    meet(c.b1, D(2026, 4, 15), "theme_day", "committee")
    meet(c.g1, D(2026, 4, 20), "group")
    meet(c.b1, D(2026, 5, 20), "general", "committee")
    meet(c.b1, D(2026, 6, 10), "theme_day")
    for month in (4, 5, 6):
        meet(c.b3, D(2026, month, 12), "theme_day")
        meet(c.g3, D(2026, month, 14), "group")
    meet(c.b3, D(2026, 6, 5), "general", "lecture", lecturer_name="乡党委书记")
    meet(c.b4, D(2026, 4, 16), "theme_day")
    meet(c.b4, D(2026, 5, 3), "theme_day")
    meet(c.b4, D(2026, 5, 20), "theme_day")

    # Remote education: one site in b1 (4 sessions in April, 2 in May, 1 so far in June).
    c.site = RemoteSite.objects.create(township=c.t1, branch=c.b1, name="甲村播放点")
    for day, minutes, viewers in (
        (D(2026, 4, 3), 60, [c.m1, c.m2]),
        (D(2026, 4, 10), 60, [c.m3]),
        (D(2026, 4, 17), 60, [c.m1]),
        (D(2026, 4, 24), 60, []),
        (D(2026, 5, 8), 90, [c.m1]),
        (D(2026, 5, 22), 90, [c.m1]),
        (D(2026, 6, 5), 60, [c.m1, c.m2]),
    ):
        meeting_services.remote_session_create(
            site=c.site, by=by, held_on=day, minutes=minutes, content="党员教育片", viewers=viewers, today=TODAY
        )
    return c
