import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_chinese(db, client):
    body = client.get(reverse("login")).content.decode()
    assert 'lang="zh-hans"' in body
    assert "登录" in body


def test_wrong_password_gets_a_generic_message(world, client, branch_secretary):
    response = _login(client, "branch_secretary", "wrong-password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "登录名或密码不正确" in body
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.get(username="branch_secretary").failures_since_start == 1


def test_correct_login_reaches_the_workbench(world, client, branch_secretary):
    response = _login(client, "branch_secretary", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_five_failures_lock_the_account_for_thirty_minutes(world, client, branch_secretary):
    for _attempt in range(5):
        _login(client, "branch_secretary", "wrong-password")
    response = _login(client, "branch_secretary", PASSWORD)
    assert response.status_code == 429
    assert "锁定 30 分钟" in response.content.decode()
    # Another account from the same address is not locked: lockout is per account.
    from tests.factories import RoleFactory, UserFactory

    RoleFactory(user=UserFactory(username="colleague"), organization=world.b2)
    assert _login(client, "colleague", PASSWORD).status_code == 302


def test_idle_session_expires_after_thirty_minutes(world, client, branch_secretary):
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    _login(client, "branch_secretary", PASSWORD)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logout(world, client, branch_secretary):
    _login(client, "branch_secretary", PASSWORD)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_admin_is_for_county_administrators_only(world, client_for, county_admin, township_secretary):
    assert client_for(county_admin).get(reverse("admin:index")).status_code == 200
    township_secretary.is_staff = True
    township_secretary.save()
    response = client_for(township_secretary).get(reverse("admin:index"))
    assert response.status_code == 302


@override_settings(LANGUAGE_CODE="zh-hans")
def test_django_messages_are_translated(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_password("abc")
    assert any("密码" in m and "12" in m for m in error.value.messages)


def test_failures_from_one_address_across_accounts_throttle_that_address(world, client, branch_secretary, time_machine):
    """Issue 15, finding 7: 20 failed logins in 10 minutes from one address, whatever the accounts, stop that
    address (even with a correct password), not the account elsewhere; the address may try again after the
    window."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    assert settings.PARTYWORK_LOGIN_ADDRESS_LIMIT == 20
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    attacker = {"REMOTE_ADDR": "10.8.0.66"}
    for number in range(20):
        # Never five on one account: axes' lockout per account is not what stops this.
        username = f"guess{number // 4}" if number % 2 else f"nobody{number}"
        response = client.post(reverse("login"), {"username": username, "password": "wrong"}, **attacker)
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "branch_secretary", "password": PASSWORD}, **attacker)
    assert response.status_code == 429
    body = response.content.decode()
    assert "此网络地址近 10 分钟内登录失败次数过多" in body and "县委组织部" in body
    assert "_auth_user_id" not in client.session
    # The same account from another address is not affected.
    other = Client()
    assert other.post(reverse("login"), {"username": "branch_secretary", "password": PASSWORD}).status_code == 302
    # After the window the address may log in again.
    time_machine.move_to(start + settings.PARTYWORK_LOGIN_ADDRESS_WINDOW + datetime.timedelta(seconds=1), tick=False)
    response = client.post(reverse("login"), {"username": "branch_secretary", "password": PASSWORD}, **attacker)
    assert response.status_code == 302


def test_nineteen_failures_from_a_shared_address_do_not_throttle_it(world, client, branch_secretary):
    """A township behind one NAT address: below the limit, colleagues still log in."""
    for number in range(19):
        _login(client, f"typo{number}", "wrong")
    assert _login(client, "branch_secretary", PASSWORD).status_code == 302


def test_client_address_believes_forwarded_for_only_from_a_trusted_proxy(rf, settings):
    from branches.throttle import client_address

    settings.PARTYWORK_TRUSTED_PROXIES = ["127.0.0.1"]
    behind_proxy = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.8.0.66")
    assert client_address(behind_proxy) == "10.8.0.66"
    direct = rf.get("/", REMOTE_ADDR="10.8.0.77", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(direct) == "10.8.0.77"
