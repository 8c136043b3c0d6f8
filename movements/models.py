"""Transfers of organisational relationship (组织关系转接) and mobile members (流动党员), DOMAIN §5.

The member's own state (`Member.lifecycle`, `Member.is_mobile`) stays on the member; these are the records
of how it changed. The tables were created by `members` and renamed when this app took them over
(migrations 0001-0002)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization
from members import crypto
from members.models import Member
from members.rules import mask_phone, normalize_phone


class TransferDirection(models.TextChoices):
    WITHIN = "within", _("县内转接")
    OUT = "out", _("转出本县")
    IN = "in", _("从县外转入")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("待接收")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已撤回")


class Transfer(models.Model):
    """A transfer of organisational relationship (组织关系转接, DOMAIN §5). Within the county the sending
    branch starts it and the receiving branch accepts it; out of the county a numbered introduction letter
    is issued and its return slip recorded; into the county the receiving branch registers the member
    with the incoming letter's number."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("党员"))
    direction = models.CharField(_("转接类型"), max_length=10, choices=TransferDirection.choices)
    status = models.CharField(_("状态"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING)
    from_branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("转出党支部")
    )
    to_branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("转入党支部")
    )
    external_org = models.CharField(_("县外党组织"), max_length=200, blank=True)
    letter_number = models.CharField(_("介绍信编号"), max_length=40, blank=True)
    reason = models.CharField(_("转接原因"), max_length=200)
    issued_on = models.DateField(_("开具日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    dues_paid_until = models.DateField(_("党费交至（月）"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    completed_on = models.DateField(_("接收日期"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_slip_received_on = models.DateField(_("回执收到日期"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("组织关系转接")
        verbose_name_plural = _("组织关系转接")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "letter_number"], condition=~Q(letter_number=""), name="transfer_letter_unique"
            ),
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="pending"), name="transfer_one_pending_per_member"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("issued_on")),
                name="transfer_valid_after_issue",
            ),
        ]


class MobileRecord(models.Model):
    """A member away for a while without transferring (流动党员, DOMAIN §5): the ledger fields."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="mobile_records", verbose_name=_("党员"))
    left_on = models.DateField(_("外出日期"))
    reason = models.CharField(_("外出原因"), max_length=100)
    dest_province = models.CharField(_("流入省份"), max_length=20)
    dest_city = models.CharField(_("流入城市"), max_length=50)
    dest_unit = models.CharField(_("流入地党组织或单位"), max_length=100, blank=True)
    employer = models.CharField(_("务工单位"), max_length=100, blank=True)
    phone_cipher = models.TextField(_("外出联系电话（密文）"), blank=True, editable=False)
    phone_masked = models.CharField(_("外出联系电话"), max_length=20, blank=True, editable=False)
    card_number = models.CharField(_("流动党员活动证编号"), max_length=40, blank=True)
    card_issued_on = models.DateField(_("活动证发放日期"), null=True, blank=True)
    contact_person = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("联系人")
    )
    dues_status = models.CharField(_("党费交纳方式"), max_length=100, blank=True)
    last_contact_on = models.DateField(_("最近联系日期"), null=True, blank=True)
    returned_on = models.DateField(_("返回日期"), null=True, blank=True)
    lost_contact_on = models.DateField(_("失联日期"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["phone_cipher"])

    class Meta:
        verbose_name = _("流动党员登记")
        verbose_name_plural = _("流动党员登记")
        ordering = ["-left_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(returned_on__isnull=True), name="mobile_one_open_per_member"
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("left_on")),
                name="mobile_returns_after_leaving",
            ),
        ]

    def set_phone(self, number: str) -> None:
        number = normalize_phone(number)
        self.phone_cipher = crypto.encrypt(number)
        self.phone_masked = mask_phone(number) if number else ""


class MobileContact(models.Model):
    """One contact with a mobile member (DOMAIN §5: at least quarterly, local default)."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("电话")
        MESSAGE = "message", _("微信/短信")
        VISIT = "visit", _("走访")
        LETTER = "letter", _("信函")

    record = models.ForeignKey(MobileRecord, on_delete=models.PROTECT, related_name="contacts")
    contacted_on = models.DateField(_("联系日期"))
    channel = models.CharField(_("联系方式"), max_length=10, choices=Channel.choices)
    notes = models.CharField(_("情况"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("流动党员联系记录")
        verbose_name_plural = _("流动党员联系记录")
        ordering = ["-contacted_on", "-pk"]
