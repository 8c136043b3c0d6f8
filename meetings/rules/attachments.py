"""Attachments of a meeting record (photos, scanned sign-in sheets, PDFs): what a file really is by its
bytes, and which types each kind of attachment accepts. Pure: no ORM, no storage."""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
)
_EXTENSIONS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "pdf": "pdf"}
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _lazy("会议照片")
    SIGN_IN = "sign_in", _lazy("签到表扫描件")
    DOCUMENT = "document", _lazy("PDF 文件")


ALLOWED_TYPES = {
    AttachmentKind.PHOTO: ("jpeg", "png"),
    AttachmentKind.SIGN_IN: ("jpeg", "png", "pdf"),
    AttachmentKind.DOCUMENT: ("pdf",),
}


def sniff(head: bytes) -> str | None:
    """The real type of a file from its first bytes, whatever its name says."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def attachment_errors(*, name: str, head: bytes, size: int, kind: str) -> tuple[list[str], str | None]:
    """(errors, real type): the file must be a JPEG, PNG or PDF by its content, agree with its extension
    and with the kind of attachment chosen, and stay under the size limit."""
    errors = []
    real = sniff(head)
    if size > MAX_ATTACHMENT_BYTES:
        errors.append(_("附件不能超过 10 MB"))
    if size == 0:
        errors.append(_("附件是空文件"))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = _EXTENSIONS.get(extension)
    if real is None:
        errors.append(_("附件内容不是 JPEG、PNG 图片或 PDF 文件，已拒绝"))
    elif claimed != real:
        errors.append(
            _("附件“%(name)s”的扩展名与内容不符（实际是 %(real)s 文件）") % {"name": name, "real": real.upper()}
        )
    elif real not in ALLOWED_TYPES.get(kind, ()):
        errors.append(
            _("“%(kind)s”只接受 %(types)s 文件")
            % {"kind": AttachmentKind(kind).label, "types": "、".join(t.upper() for t in ALLOWED_TYPES[kind])}
        )
    return errors, real
