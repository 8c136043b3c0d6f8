"""Roster pages (issue 3 §3): list, filters, search, masking, the member's file, writes through services."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from branches.rules import OrgKind
from members.models import Lifecycle, Member, MemberPost, SensitiveAccess
from members.rules import make_id_number
from partywork.dates import add_years
from tests.clock import on_day
from tests.factories import MemberFactory, OrganizationFactory

from .conftest import bulk_members

# Posts, lifecycle changes and appointments here are dated 2021-2026: the clock is pinned after them.
pytestmark = on_day(datetime.date(2026, 6, 17))


def _list(client, org, **params):
    return client.get(reverse("members:member_list", kwargs={"org_pk": org.pk}), params)


def _names(response):
    return [m.name for m in response.context["members"]]


def test_members_entry_redirects_to_the_users_top_organisation(world, township_secretary, client_for):
    response = client_for(township_secretary).get("/members/")
    assert response.status_code == 302 and response.url == f"/members/org/{world.t1.pk}/"


def test_roster_lists_the_scope_sorted_by_branch_then_name_masked(world, township_secretary, client_for):
    MemberFactory(branch=world.b2, name="阿大")
    zhang = MemberFactory(branch=world.b1, name="张三", phone="13912345678")
    MemberFactory(branch=world.b1, name="安娜")
    MemberFactory(branch=world.b3, name="外乡人")
    response = _list(client_for(township_secretary), world.t1)
    assert _names(response) == ["安娜", "张三", "阿大"]
    html = response.content.decode()
    assert zhang.id_number not in html and "13912345678" not in html
    assert zhang.id_number_masked in html and "外乡人" not in html


def test_search_by_pinyin_initials_full_pinyin_and_name(world, branch_secretary, client_for):
    MemberFactory(branch=world.b1, name="张三")
    MemberFactory(branch=world.b1, name="李四")
    client = client_for(branch_secretary)
    assert _names(_list(client, world.b1, q="zs")) == ["张三"]
    assert _names(_list(client, world.b1, q="zhangsan")) == ["张三"]
    assert _names(_list(client, world.b1, q="李")) == ["李四"]


def test_filters_sex_status_age_band_education_mobile_lifecycle(
    world, branch_secretary, township_secretary, client_for
):
    young = MemberFactory(branch=world.b1, name="青年", birth_date=add_years(timezone.localdate(), -25), sex="F")
    old = MemberFactory(branch=world.b1, name="老年", birth_date=datetime.date(1950, 3, 1), education="bachelor")
    # Birth dates fixed: the factory's sequence would put them in any age band depending on test order.
    probation = MemberFactory(
        branch=world.b1, name="预备", status="probationary", is_mobile=True, birth_date=datetime.date(1980, 5, 1)
    )
    gone = MemberFactory(
        branch=world.b1, name="故去", lifecycle=Lifecycle.DECEASED, birth_date=datetime.date(1970, 5, 1)
    )
    client = client_for(branch_secretary)
    assert _names(_list(client, world.b1, sex="F")) == [young.name]
    assert _names(_list(client, world.b1, status="probationary")) == [probation.name]
    assert _names(_list(client, world.b1, age="0")) == [young.name]  # 30 and under (DOMAIN §7)
    assert _names(_list(client, world.b1, age="9")) == [old.name]  # 71 and over
    assert _names(_list(client, world.b1, education="bachelor")) == [old.name]
    assert _names(_list(client, world.b1, is_mobile="true")) == [probation.name]
    assert gone.name not in _names(_list(client, world.b1))  # the roll by default
    assert _names(_list(client, world.b1, lifecycle="deceased")) == [gone.name]
    assert gone.name in _names(_list(client, world.b1, lifecycle="all"))
    township = client_for(township_secretary)
    assert _names(_list(township, world.t1, branch=world.b2.pk)) == []
    assert len(_names(_list(township, world.t1, branch=world.b1.pk))) == 3


def test_roster_paginates_by_50_keeping_filters(world, branch_secretary, client_for):
    bulk_members([world.b1], 60)
    response = _list(client_for(branch_secretary), world.b1, sex="M")
    assert len(response.context["members"]) == 40 or response.context["paginator"].num_pages >= 1
    page = _list(client_for(branch_secretary), world.b1)
    assert len(page.context["members"]) == 50 and page.context["paginator"].count == 60
    assert "lifecycle=on_roll" not in page.context["querystring"]
    filtered = _list(client_for(branch_secretary), world.b1, q="cs")
    assert "q=cs" in filtered.context["querystring"]


def test_roster_of_a_branch_of_60_runs_a_bounded_number_of_queries(
    world, branch_secretary, client_for, django_assert_max_num_queries
):
    bulk_members([world.b1], 60, groups={world.b1.pk: world.g1})
    client = client_for(branch_secretary)
    with django_assert_max_num_queries(12):
        assert _list(client, world.b1).status_code == 200


def test_roster_of_a_township_of_2000_runs_a_bounded_number_of_queries(
    world, township_secretary, client_for, django_assert_max_num_queries
):
    branches = [world.b1, world.b2] + [
        OrganizationFactory(parent=world.t1, name=f"村{i}党支部", code=f"C01{i:02d}") for i in range(10, 28)
    ]
    bulk_members(branches, 100)
    client = client_for(township_secretary)
    with django_assert_max_num_queries(12):
        response = _list(client, world.t1, q="c")
    assert response.context["paginator"].count == 2000
    with django_assert_max_num_queries(12):
        assert _list(client, world.t1, page=40).status_code == 200


def test_member_page_is_the_whole_file_masked(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1, name="张三", phone="13912345678")
    MemberPost.objects.create(
        member=member, organization=world.b1, post="secretary", started_on=datetime.date(2021, 1, 1)
    )
    response = client_for(branch_secretary).get(f"/members/{member.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert member.id_number not in html and "13912345678" not in html and member.id_number_masked in html
    assert "书记" in html and world.b1.name in html and "变更记录" in html


def test_member_page_runs_a_bounded_number_of_queries(
    world, branch_secretary, client_for, django_assert_max_num_queries
):
    """The same number of queries for a short file and a long one (posts, stays, history); the cap leaves
    room for the panels other apps register on the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.services import member_set_lifecycle, member_update

    client = client_for(branch_secretary)

    def count(member):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/members/{member.pk}/").status_code == 200
        return len(queries)

    short, long = MemberFactory(branch=world.b1), MemberFactory(branch=world.b1)
    for year in range(2000, 2020):
        MemberPost.objects.create(
            member=long, organization=world.b1, post="committee", started_on=datetime.date(year, 1, 1),
            ended_on=datetime.date(year, 6, 1),
        )  # fmt: skip
        member_update(by=branch_secretary, member=long, address=f"地址{year}")
    for state in ("lost_contact", "active", "lost_contact", "active"):
        member_set_lifecycle(by=branch_secretary, member=long, state=state, on=datetime.date(2025, 1, 1), reason="测试")
    assert count(long) == count(short)
    with django_assert_max_num_queries(40):
        client.get(f"/members/{long.pk}/")


def test_create_through_the_form_and_a_rejected_form_keeps_what_was_typed(world, branch_secretary, client_for):
    client = client_for(branch_secretary)
    birth = datetime.date(1985, 6, 15)
    number = make_id_number(region="620102", birth_date=birth, sequence=3, sex="M")
    data = {
        "name": "王五", "sex": "M", "ethnicity": "回族", "birth_date": "1985-06-16", "id_number": number,
        "phone": "13912345678", "education": "bachelor", "occupation": "farmer", "status": "full",
        "joined_on": "2010-07-01", "confirmed_on": "2011-07-01", "group": world.g1.pk,
    }  # fmt: skip
    rejected = client.post(f"/members/org/{world.b1.pk}/new/", data)
    assert rejected.status_code == 200 and Member.objects.count() == 0
    assert "出生日期与身份证号码不一致" in rejected.content.decode()
    assert rejected.context["form"]["name"].value() == "王五"
    data["birth_date"] = "1985-06-15"
    created = client.post(f"/members/org/{world.b1.pk}/new/", data)
    member = Member.objects.get()
    assert created.url == f"/members/{member.pk}/" and member.group == world.g1 and member.ethnicity == "回族"


def test_an_id_number_on_file_outside_the_scope_is_refused_without_saying_where(world, branch_secretary, client_for):
    """Issue 15, finding 8: the refusal says only that this person cannot be added here and whom to ask
    (the township committee or the county organisation department), never which branch holds the file."""
    elsewhere = MemberFactory(branch=world.b3, name="李四")
    data = {
        "name": "李四", "sex": elsewhere.sex, "ethnicity": "汉族", "birth_date": elsewhere.birth_date.isoformat(),
        "id_number": elsewhere.id_number, "education": "bachelor", "occupation": "farmer", "status": "full",
        "joined_on": "2010-07-01", "confirmed_on": "2011-07-01",
    }  # fmt: skip
    response = client_for(branch_secretary).post(f"/members/org/{world.b1.pk}/new/", data)
    assert response.status_code == 200 and Member.objects.count() == 1
    errors = response.context["form"].errors["id_number"]
    assert errors == ["此人无法在此登记。如需登记或转入，请联系所在乡镇党委或县委组织部核实办理。"]
    body = response.content.decode()
    assert world.b3.name not in body and "党员档案" not in body and "两个党支部" not in body


def test_members_are_created_only_in_a_branch(world, township_secretary, client_for):
    assert client_for(township_secretary).get(f"/members/org/{world.t1.pk}/new/").status_code == 404
    assert client_for(township_secretary).get(f"/members/org/{world.b1.pk}/new/").status_code == 200


def test_edit_keeps_the_id_and_phone_when_left_empty(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1, name="张三", phone="13912345678")
    client = client_for(branch_secretary)
    form = client.get(f"/members/{member.pk}/edit/")
    assert member.id_number not in form.content.decode() and member.id_number_masked in form.content.decode()
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update(address="新地址", id_number="", phone="", birth_date=member.birth_date.isoformat())
    data["joined_on"], data["confirmed_on"] = member.joined_on.isoformat(), member.confirmed_on.isoformat()
    response = client.post(f"/members/{member.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    member.refresh_from_db()
    assert member.address == "新地址" and member.phone == "13912345678"


def test_lifecycle_change_is_recorded_with_date_and_reason(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(branch_secretary)
    missing_reason = client.post(f"/members/{member.pk}/lifecycle/", {"state": "deceased", "on": "2026-01-05"})
    assert missing_reason.status_code == 200 and Member.objects.get().lifecycle == "active"
    client.post(f"/members/{member.pk}/lifecycle/", {"state": "deceased", "on": "2026-01-05", "reason": "病故"})
    member.refresh_from_db()
    assert member.lifecycle == "deceased" and member.lifecycle_events.get().reason == "病故"
    assert "病故" in client.get(f"/members/{member.pk}/").content.decode()


def test_lost_contact_member_comes_back_to_active(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(branch_secretary)
    client.post(f"/members/{member.pk}/lifecycle/", {"state": "lost_contact", "on": "2025-06-01", "reason": "联系不上"})
    client.post(f"/members/{member.pk}/lifecycle/", {"state": "active", "on": "2025-09-01", "reason": "已恢复联系"})
    member.refresh_from_db()
    assert member.lifecycle == "active"
    assert [e.state for e in member.lifecycle_events.all()] == ["lost_contact", "active"]
    assert member.memberships.get().ended_on is None  # still on the branch roll throughout


def test_a_second_current_secretary_is_refused_in_chinese(world, branch_secretary, client_for):
    """Branch Regs: one secretary at a time (a database constraint), shown as a form error."""
    first, second = MemberFactory(branch=world.b1), MemberFactory(branch=world.b1)
    client = client_for(branch_secretary)
    ok = client.post(
        f"/members/{first.pk}/posts/new/",
        {"organization": world.b1.pk, "post": "secretary", "started_on": "2024-01-01"},
    )
    assert ok.status_code == 302
    refused = client.post(
        f"/members/{second.pk}/posts/new/",
        {"organization": world.b1.pk, "post": "secretary", "started_on": "2024-02-01"},
    )
    assert refused.status_code == 200 and "已有现任书记" in refused.content.decode()
    post = MemberPost.objects.get()
    ended = client.post(f"/members/posts/{post.pk}/end/", {"ended_on": "2025-01-01"})
    assert ended.status_code == 302
    post.refresh_from_db()
    assert post.ended_on == datetime.date(2025, 1, 1)
    again = client.post(
        f"/members/{second.pk}/posts/new/",
        {"organization": world.b1.pk, "post": "secretary", "started_on": "2025-01-02"},
    )
    assert again.status_code == 302 and MemberPost.objects.filter(ended_on__isnull=True).get().member == second


def test_post_end_before_start_is_refused(world, branch_secretary, client_for):
    post = MemberPost.objects.create(
        member=MemberFactory(branch=world.b1),
        organization=world.b1,
        post="deputy",
        started_on=datetime.date(2024, 1, 1),
    )
    response = client_for(branch_secretary).post(f"/members/posts/{post.pk}/end/", {"ended_on": "2023-01-01"})
    assert response.status_code == 200 and "离任日期不能早于任职日期" in response.content.decode()


def test_reveal_needs_a_reason_and_is_logged(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1, phone="13912345678")
    client = client_for(branch_secretary)
    assert member.id_number not in client.get(f"/members/{member.pk}/reveal/").content.decode()
    refused = client.post(f"/members/{member.pk}/reveal/", {"reason": ""})
    assert member.id_number not in refused.content.decode() and SensitiveAccess.objects.count() == 0
    shown = client.post(f"/members/{member.pk}/reveal/", {"reason": "办理党员证明"})
    assert member.id_number in shown.content.decode() and "13912345678" in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    log = SensitiveAccess.objects.get()
    assert (log.user, log.member, log.action, log.reason) == (branch_secretary, member, "view", "办理党员证明")


@pytest.mark.parametrize("persona", ["reviewer", "branch_organizer"])
def test_read_only_roles_neither_reveal_nor_write(persona, request, world, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/members/{member.pk}/").status_code == 200
    for url in ("reveal/", "edit/", "lifecycle/", "posts/new/"):
        assert client.get(f"/members/{member.pk}/{url}").status_code == 404
    assert client.post(f"/members/{member.pk}/reveal/", {"reason": "看看"}).status_code == 404
    assert SensitiveAccess.objects.count() == 0


def test_outsider_gets_404_for_another_townships_member(world, outsider, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(outsider)
    assert client.get(f"/members/{member.pk}/").status_code == 404
    assert _list(client, world.t1).status_code == 404


def test_group_choices_are_the_branchs_own(world, branch_secretary, client_for):
    OrganizationFactory(parent=world.b2, name="乙村党小组", code="C010201", kind=OrgKind.GROUP)
    form = client_for(branch_secretary).get(f"/members/org/{world.b1.pk}/new/").context["form"]
    assert list(form.fields["group"].queryset) == [world.g1]


def test_nav_entry(world, branch_secretary, client_for):
    assert "党员管理" in client_for(branch_secretary).get("/").content.decode()


def test_member_page_includes_every_visible_registered_panel(world, branch_secretary, client_for, rf):
    from members import panels

    member = MemberFactory(branch=world.b1)
    response = client_for(branch_secretary).get(f"/members/{member.pk}/")
    request = response.wsgi_request
    visible = [p["key"] for p in panels.render_context(request, member)]
    html = response.content.decode()
    for key in visible:
        assert f'data-panel="{key}"' in html
