"""Two-factor login (issue 15, finding 8; branches/twofactor.py): required for county and township roles
and for the admin site, optional for branch roles, recovery codes good once; no superuser in the demo."""

import datetime
import re

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_device
from tests.factories import PASSWORD


def _password(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def _code(device, steps_ahead=0):
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + device.step * steps_ahead
    return f"{totp.token():0{device.digits}d}"


def _wait_out_the_throttle(time_machine):
    """django-otp makes each failed code wait 2^(n-1) seconds before the next is checked."""
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=2))


@pytest.mark.parametrize("persona", ["county_admin", "township_secretary"])
def test_county_and_township_roles_must_set_up_an_authenticator_before_anything(persona, request, client, time_machine):
    user = request.getfixturevalue(persona)
    assert _password(client, user).status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("otp_setup"))
    assert client.get(reverse("branches:user_list")).status_code == 302
    setup = client.get(home["Location"])
    body = setup.content.decode()
    assert setup.status_code == 200 and "须启用两步验证" in body
    # The QR code is an SVG data: URI in an <img> (no inline script), and the secret is shown to type in.
    assert re.search(r'<img src="data:image/svg\+xml[^"]+"', body)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert setup.context["secret"].replace(" ", "") in re.sub(r"\s", "", body)
    refused = client.post(reverse("otp_setup"), {"token": "000000" if _code(device) != "000000" else "111111"})
    assert "验证码不正确" in refused.content.decode() and not TOTPDevice.objects.filter(confirmed=True).exists()
    _wait_out_the_throttle(time_machine)
    done = client.post(reverse("otp_setup"), {"token": _code(device), "next": "/"})
    codes = done.context["codes"]
    assert done.status_code == 200 and len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert client.get(reverse("home")).status_code == 200
    record = user.history.latest()
    assert record.history_change_reason.startswith("启用两步验证") and record.history_user_id == user.pk


def test_an_enrolled_township_secretary_is_asked_for_the_code(world, client, township_secretary, time_machine):
    device = verified_device(township_secretary)
    _password(client, township_secretary)
    asked = client.get(reverse("home"))
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("otp_verify"))
    wrong = client.post(reverse("otp_verify"), {"token": "12345x", "next": "/"})
    assert wrong.status_code == 200 and "验证码不正确或已使用" in wrong.content.decode()
    assert client.get(reverse("home")).status_code == 302
    _wait_out_the_throttle(time_machine)
    right = client.post(reverse("otp_verify"), {"token": _code(device), "next": "/orgs/"})
    assert right.status_code == 302 and right["Location"] == "/orgs/"
    assert client.get(reverse("home")).status_code == 200


def test_the_code_page_does_not_send_anyone_off_site(world, client, township_secretary):
    device = verified_device(township_secretary)
    _password(client, township_secretary)
    response = client.post(reverse("otp_verify"), {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_the_second_factor_is_optional_for_branch_roles_until_they_enrol(world, client, branch_secretary):
    _password(client, branch_secretary)
    assert client.get(reverse("home")).status_code == 200
    page = client.get(reverse("otp_setup"))
    assert page.status_code == 200 and "可自愿启用两步验证" in page.content.decode()
    device = TOTPDevice.objects.get(user=branch_secretary, confirmed=False)
    client.post(reverse("otp_setup"), {"token": _code(device)})
    client.post(reverse("logout"))
    _password(client, branch_secretary)
    asked = client.get(reverse("home"))
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("otp_verify"))


def test_a_recovery_code_works_once(world, client, township_secretary):
    from branches.twofactor import recovery_codes_create

    verified_device(township_secretary)
    code = recovery_codes_create(township_secretary)[0]
    _password(client, township_secretary)
    assert client.post(reverse("otp_verify"), {"token": code, "next": "/"}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()
    client.post(reverse("logout"))
    _password(client, township_secretary)
    again = client.post(reverse("otp_verify"), {"token": code, "next": "/"})
    assert again.status_code == 200 and "验证码不正确或已使用" in again.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_the_admin_site_needs_the_county_role_and_the_second_factor(world, client_for, county_admin):
    from branches.models import User

    # Without an authenticator: set one up first; with one but not yet verified: the code page.
    unverified = client_for(county_admin, verified=False).get(reverse("admin:index"))
    assert unverified.status_code == 302 and unverified["Location"].startswith(reverse("otp_setup"))
    verified_device(county_admin)
    unverified = client_for(county_admin, verified=False).get(reverse("admin:index"))
    assert unverified.status_code == 302 and unverified["Location"].startswith(reverse("otp_verify"))
    assert client_for(county_admin).get(reverse("admin:index")).status_code == 200
    # The role, not a superuser flag, gives the admin's model permissions.
    assert not county_admin.is_superuser
    assert client_for(county_admin).get(reverse("admin:branches_user_changelist")).status_code == 200
    # A superuser without the county administrator role is not let in, even past the second factor.
    root = User.objects.create_user("root", password=PASSWORD, is_staff=True, is_superuser=True)
    assert client_for(root).get(reverse("admin:index")).status_code == 302


@override_settings(PARTYWORK_REQUIRE_SECOND_FACTOR=False)
def test_the_demo_setting_lets_township_roles_in_with_the_password(world, client, township_secretary):
    _password(client, township_secretary)
    assert client.get(reverse("home")).status_code == 200


@override_settings(PARTYWORK_REQUIRE_SECOND_FACTOR=False, PARTYWORK_REFUSE_WEAK_KEYS=True)
def test_production_refuses_the_second_factor_turned_off():
    errors = checks.run_checks(tags=["partywork_keys"])
    assert "partywork.E003" in {error.id for error in errors}


def test_the_demo_has_no_superuser(db):
    from branches.demo import seed
    from branches.models import User

    seed(password=PASSWORD)
    assert not User.objects.filter(is_superuser=True).exists()
    assert set(User.objects.filter(is_staff=True).values_list("username", flat=True)) == {"admin"}
