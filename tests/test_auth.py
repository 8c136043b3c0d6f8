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
