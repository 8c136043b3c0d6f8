"""The action views of a transfer's and a mobile record's page: a refusal shows the page again with the
error and the other forms, success goes back to the page with a message that names what was done."""

from django.contrib.messages import get_messages

from movements.models import TransferStatus
from tests.factories import MemberFactory

from .builders import days_ago, mobile_record, transfer_within


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_refused_accept_shows_the_transfer_page_with_the_error(world, branch_secretary, b2_secretary, client_for):
    member = MemberFactory(branch=world.b1, name="李四")
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2, issued_on=days_ago(3))
    client = client_for(b2_secretary)
    url = f"/members/transfers/{transfer.pk}/accept/"
    refused = client.post(url, {"on": days_ago(5).isoformat()})
    assert refused.status_code == 200
    assert refused.context["accept_form"].errors == {"on": ["接收日期不能早于转出日期"]}
    assert refused.context["transfer"] == transfer and refused.context["can_accept"] is True
    assert refused.context["cancel_form"].is_bound is False and "history" in refused.context
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING
    done = client.post(url, {"on": days_ago(1).isoformat()})
    assert done.status_code == 302 and done["Location"] == f"/members/transfers/{transfer.pk}/"
    assert _messages(done) == ["已接收 李四 的组织关系。"]


def test_a_cancel_without_reason_is_refused_then_done(world, branch_secretary, client_for):
    transfer = transfer_within(by=branch_secretary, member=MemberFactory(branch=world.b1), to_branch=world.b2)
    client = client_for(branch_secretary)
    url = f"/members/transfers/{transfer.pk}/cancel/"
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 200 and refused.context["cancel_form"].errors
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING
    done = client.post(url, {"reason": "本人不再调动"})
    assert done.status_code == 302 and _messages(done) == ["已撤回转接。"]
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED


def test_a_refused_return_shows_the_record_page_with_the_error(world, branch_secretary, client_for):
    record = mobile_record(by=branch_secretary, member=MemberFactory(branch=world.b1), left_on=days_ago(20))
    client = client_for(branch_secretary)
    url = f"/members/mobile/{record.pk}/return/"
    refused = client.post(url, {"returned_on": days_ago(30).isoformat()})
    assert refused.status_code == 200
    assert refused.context["return_form"].errors == {"returned_on": ["返回日期不能早于外出日期"]}
    assert refused.context["record"] == record and refused.context["contact_form"].is_bound is False
    done = client.post(url, {"returned_on": days_ago(1).isoformat()})
    assert done.status_code == 302 and done["Location"] == f"/members/mobile/{record.pk}/"
    assert _messages(done) == ["已登记返回。"]
    record.refresh_from_db()
    assert record.returned_on == days_ago(1)
