"""A small county built by hand for the year-end statistics of 2025 (with the end of 2024 as the prior count),
everything through the apps' services. The figures are worked out by hand in tests/yearend/test_statistics.py.

    t1 一号乡党委: b1 甲村, b2 乙村          t2 二号镇党委: b3 丙村, b5 戊村 (founded 1 July 2025)

b1 甲村   m1..m5 long-standing; m6 admitted (入党) on 1 June 2024, no recruitment file.
          2025: m2 dies (10 Mar); m4 leaves the county with a letter (1 Apr); w1 arrives from outside the county
          (5 May); m3 is removed for lapsing (自行脱党, 1 Aug); q3 arrives from b3 (1 Sep).
b2 乙村   k1..k3 full members (exactly three voters). Recruitment: file A voted in 15 Nov 2025 and approved
          15 Dec 2025 (admitted in 2025); file B voted in 15 Dec 2025 and approved 15 Jan 2026 (admitted in 2026,
          not counted at the end of 2025).
b3 丙村   q0..q5; q0 died on 1 Nov 2024. 2025: q1, q2 move to the new b5 (10 Jul); q3 moves to b1 (1 Sep);
          q4 is expelled (开除党籍, 10 Oct).
b5 戊村   founded 1 July 2025; receives q1, q2.

Also in 2025: dues in b2 (farmers' 0.50 a month from January: k1 pays the year, k2 January to June, k3 nothing;
b2 hands its 9.00 to 一号乡 on 20 December); the democratic appraisal of b2 on 20 December (k1 优秀, k2 合格,
k3 基本合格); m5 away in 广东省 with a card since March, w1 in 浙江省 without one since September, q5 away in
浙江省 from February and back on 1 October; a remote-education site at b1 with one session of 3 hours in May.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from dues import services as dues_services
from dues.rules import Category
from learning import services as learning_services
from learning.rules import TrainingKind
from meetings import services as meeting_services
from members.discipline import disciplinary_measure_record
from members.models import Lifecycle
from members.rules import DisciplineKind
from members.services import member_set_lifecycle
from movements.services import mobile as mobile_services
from movements.services import transfers
from partywork.dates import add_months
from tests.factories import MemberFactory, OrganizationFactory, id_number_for
from tests.meetings import factories as meeting_factories
from tests.recruitment import factories as recruitment_factories

D = datetime.date
YEAR = 2025
OLD = D(1990, 7, 1)
BORN = D(1965, 3, 1)


def _member(branch, name, *, sex="M", birth=BORN, joined=OLD, **extra):
    extra.setdefault("status", "full")
    return MemberFactory(branch=branch, name=name, sex=sex, birth_date=birth, joined_on=joined, **extra)


def _move(by, member, to_branch, issued_on, accepted_on):
    move = transfers.transfer_start(by=by, member=member, to_branch=to_branch, reason="工作调动", issued_on=issued_on)
    transfers.transfer_accept(by=by, transfer=move, on=accepted_on)


def _recruit(by, branch, *, months: int, name: str, sponsors, sequence: int):
    """A file on the shared valid calendar moved `months` later, recorded up to the admission approval."""
    schedule = {n: add_months(day, months) for n, day in recruitment_factories.SCHEDULE.items()}
    applied = add_months(D(2023, 1, 10), months)
    file = recruitment_factories.applicant(
        by=by,
        branch=branch,
        applied_on=applied,
        **recruitment_factories.identity(name=name, sex="F", birth=D(1999, 4, 1), sequence=sequence),
    )
    return recruitment_factories.advance(file, by=by, to=17, sponsors=sponsors, schedule=schedule)


def build(world, by) -> SimpleNamespace:
    """The county on top of tests.factories.county_tree (world): `by` is a county administrator."""
    c = SimpleNamespace(**vars(world))
    c.b5 = OrganizationFactory(parent=world.t2, name="戊村党支部", code="C0205", founded_on=D(2025, 7, 1))

    c.m1 = _member(c.b1, "甲一", sex="F", birth=D(1996, 5, 1), education="bachelor", occupation="party_government")
    c.m2 = _member(c.b1, "甲二", birth=D(1940, 1, 1), occupation="retired")
    c.m3 = _member(c.b1, "甲三")
    c.m4 = _member(c.b1, "甲四", ethnicity="回族")
    c.m5 = _member(c.b1, "甲五", birth=D(1950, 12, 31))
    c.m6 = _member(c.b1, "甲六", birth=D(2000, 2, 1), status="probationary", joined=D(2024, 6, 1), confirmed_on=None)
    c.k1 = _member(c.b2, "乙一")
    c.k2 = _member(c.b2, "乙二", sex="F")
    c.k3 = _member(c.b2, "乙三")
    c.q0 = _member(c.b3, "丙零", birth=D(1935, 1, 1))
    c.q1 = _member(c.b3, "丙一", sex="F", ethnicity="藏族")
    c.q2 = _member(c.b3, "丙二")
    c.q3 = _member(c.b3, "丙三", education="junior_college")
    c.q4 = _member(c.b3, "丙四")
    c.q5 = _member(c.b3, "丙五")

    member_set_lifecycle(by=by, member=c.q0, state=Lifecycle.DECEASED, on=D(2024, 11, 1), reason="病故")

    def away(member, left_on, province, contact, **card):
        return mobile_services.mobile_start(
            by=by, member=member, left_on=left_on, reason="务工", dest_province=province, dest_city="某市",
            contact_person=contact, **card,
        )  # fmt: skip

    # 2025
    back = away(c.q5, D(2025, 2, 1), "浙江省", c.q3)
    member_set_lifecycle(by=by, member=c.m2, state=Lifecycle.DECEASED, on=D(2025, 3, 10), reason="病故")
    transfers.transfer_issue_letter(
        by=by,
        member=c.m4,
        external_org="外省某县委组织部",
        reason="外出工作",
        issued_on=D(2025, 4, 1),
        dues_paid_until=D(2025, 3, 1),
        valid_until=D(2025, 5, 1),
    )
    transfers.transfer_register_in(
        by=by,
        branch=c.b1,
        letter_number="外省组转〔2025〕第011号",
        letter_date=D(2025, 4, 28),
        external_org="外省某镇党委",
        received_on=D(2025, 5, 5),
        name="甲来",
        sex="F",
        ethnicity="藏族",
        birth_date=D(1985, 8, 8),
        id_number=id_number_for(D(1985, 8, 8), "F", 97),
        phone="",
        education="high_school",
        occupation="migrant_worker",
        work_unit="",
        address="",
        status="full",
        joined_on=D(2010, 7, 1),
        confirmed_on=D(2011, 7, 1),
    )
    c.w1 = c.b1.members.get(name="甲来")
    _move(by, c.q1, c.b5, D(2025, 7, 8), D(2025, 7, 10))
    _move(by, c.q2, c.b5, D(2025, 7, 8), D(2025, 7, 10))
    member_set_lifecycle(
        by=by, member=c.m3, state=Lifecycle.REMOVED, on=D(2025, 8, 1), reason="自行脱党（连续6个月不交纳党费）"
    )
    _move(by, c.q3, c.b1, D(2025, 8, 28), D(2025, 9, 1))
    member_set_lifecycle(by=by, member=c.q4, state=Lifecycle.REMOVED, on=D(2025, 10, 10), reason="开除党籍")

    c.file_a = _recruit(by, c.b2, months=13, name="乙发展甲", sponsors=[c.k1, c.k2], sequence=61)
    c.file_b = _recruit(by, c.b2, months=14, name="乙发展乙", sponsors=[c.k1, c.k2], sequence=62)
    c.a = c.file_a.__class__.objects.get(pk=c.file_a.pk).member
    c.b = c.file_b.__class__.objects.get(pk=c.file_b.pk).member

    jan, jun, jul, dec = D(2025, 1, 1), D(2025, 6, 1), D(2025, 7, 1), D(2025, 12, 1)
    for member in (c.k1, c.k2, c.k3):
        dues_services.standard_change(
            org=c.b2, member=member, month=jan, category=Category.FARMER, base=None, reason="年初核定", by=by
        )
    months = [add_months(jan, n) for n in range(6)]
    for member in (c.k1, c.k2):
        dues_services.dues_collect(org=c.b2, member=member, months=months, paid_on=D(2025, 6, 10), by=by)
    later = [add_months(jul, n) for n in range(6)]
    dues_services.dues_collect(org=c.b2, member=c.k1, months=later, paid_on=D(2025, 12, 10), by=by)
    assert months[-1] == jun and later[-1] == dec
    c.remittance = dues_services.dues_remit(org=c.b2, first_month=jan, last_month=dec, by=by, on=D(2026, 1, 5))

    appraisal = meeting_factories.meeting(c.b2, by, kinds=("appraisal",), held_on=D(2025, 12, 20))
    meeting_services.appraisal_record(
        meeting=appraisal,
        by=by,
        grades={c.k1.pk: ("excellent", "", ""), c.k2.pk: ("qualified", "", ""), c.k3.pk: ("basic", "", "")},
    )

    away(c.m5, D(2025, 3, 1), "广东省", c.m1, card_number="粤流2025001", card_issued_on=D(2025, 3, 5))
    away(c.w1, D(2025, 9, 1), "浙江省", c.m1)
    mobile_services.mobile_return(by=by, record=back, returned_on=D(2025, 10, 1))

    c.site = meeting_services.remote_site_create(township=c.t1, branch=c.b1, name="甲村播放点", by=by)
    meeting_services.remote_session_create(
        site=c.site, by=by, held_on=D(2025, 5, 10), minutes=180, content="党史学习", viewers=[c.m1, c.m6]
    )

    # Training: a 40-hour course in 2025 for k1 and k2; k3's course on 31 December 2024 is last year's.
    learning_services.session_create(
        org=c.b2, by=by, kind=TrainingKind.CENTRAL, held_on=D(2025, 4, 1), hours=Decimal("40"),
        content="集中培训", members=[c.k1, c.k2],
    )  # fmt: skip
    learning_services.session_create(
        org=c.b2, by=by, kind=TrainingKind.CENTRAL, held_on=D(2024, 12, 31), hours=Decimal("40"),
        content="集中培训", members=[c.k3],
    )  # fmt: skip
    # Discipline: a warning to k3 decided in May 2025; k2's of 31 December 2024 belongs to last year.
    for member, day in ((c.k3, D(2025, 5, 10)), (c.k2, D(2024, 12, 31))):
        disciplinary_measure_record(
            by=by, member=member, kind=DisciplineKind.WARNING, decided_on=day, decided_by="一号乡纪委",
            reason="违反工作纪律",
        )  # fmt: skip
    return c
