"""Builders for meetings in tests: real services, so every test goes through the same checks as users."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings import services
from meetings.models import RemoteSite
from meetings.rules import Attendance
from tests.factories import MemberFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


def members(branch, n, **kwargs):
    return [MemberFactory(branch=branch, **kwargs) for _ in range(n)]


def meeting(org, by, *, kinds=("general",), held_on=None, absent=(), resolutions=(), today=None, **extra):
    """A meeting of `org` attended by everyone who should attend except the members in `absent`."""
    from meetings.selectors import should_attend

    held_on = held_on or datetime.date(2026, 3, 10)
    attendance = {
        m.pk: ((Attendance.SICK, "") if m in absent else (Attendance.PRESENT, "")) for m in should_attend(org=org)
    }
    return services.meeting_create(
        org=org,
        by=by,
        kinds=list(kinds),
        topic=extra.pop("topic", "学习贯彻会议精神"),
        held_on=held_on,
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(11, 0),
        place="村委会会议室",
        attendance=attendance,
        resolutions=list(resolutions),
        today=today or max(held_on, timezone.localdate()),
        **extra,
    )


def attachment(meeting_obj, by):
    upload = SimpleUploadedFile("签到表.png", PNG, content_type="image/png")
    return services.attachment_add(meeting=meeting_obj, by=by, upload=upload, kind="sign_in")


def site(township, branch, name="红岭村播放点"):
    return RemoteSite.objects.create(township=township, branch=branch, name=name)
