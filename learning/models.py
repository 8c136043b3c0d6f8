"""Training and study (学习培训): sessions with their attendance; the hours a member studied come from these
and from the remote-education viewings logged in `meetings`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization
from members.models import Member

from .rules import CareOccasion, CareReason, PublicationChannel, PublicationKind, TrainingKind


class TrainingSession(models.Model):
    """One training or study session, organised by a branch, a township or the county."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="training_sessions", verbose_name=_("组织单位")
    )
    kind = models.CharField(_("培训类别"), max_length=20, choices=TrainingKind.choices)
    held_on = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    content = models.CharField(_("培训内容"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-held_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")]
        indexes = [models.Index(fields=["organization", "held_on"])]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.content}"


class TrainingAttendance(models.Model):
    """Who attended a session: a member, or (at an activist course) a person not yet a member, known by the
    keyed index of their ID number, the same index recruitment files carry."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_attendance",
        verbose_name=_("党员"),
    )
    person_name = models.CharField(_("姓名"), max_length=50)
    id_number_hash = models.CharField(_("身份证号码索引"), max_length=64, blank=True, db_index=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("参训人员")
        verbose_name_plural = _("参训人员")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"], condition=Q(member__isnull=False), name="training_member_once"
            ),
            models.UniqueConstraint(
                fields=["session", "id_number_hash"],
                condition=~Q(id_number_hash=""),
                name="training_person_once",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(id_number_hash=""), name="training_attendee_known"
            ),
        ]

    def __str__(self):
        return self.person_name


class Talk(models.Model):
    """A heart-to-heart talk (谈心谈话): who talked with which member of the branch, when, and its topic. The
    topic is for the branch committee and the committees above only (permission learning.talk_notes)."""

    branch = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="talks", verbose_name=_("党支部"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="talks", verbose_name=_("谈话对象"))
    talker = models.CharField(_("谈话人"), max_length=50, help_text=_("姓名及职务，如：孙志强（支部书记）"))
    held_on = models.DateField(_("谈话日期"))
    topic = models.CharField(_("谈话主要内容"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("谈心谈话")
        verbose_name_plural = _("谈心谈话")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["branch", "held_on"]), models.Index(fields=["member", "held_on"])]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.talker} → {self.member}"


class CareVisit(models.Model):
    """A visit of care (走访慰问) to a member in hardship, an elderly or a sick member: when, by whom, the support
    given and the money, if any. Money rows are never deleted; a correction is made by the county in the admin,
    audited."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="care_visits", verbose_name=_("党支部")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="care_visits", verbose_name=_("慰问对象"))
    reason = models.CharField(_("慰问类别"), max_length=20, choices=CareReason.choices)
    occasion = models.CharField(_("慰问时机"), max_length=20, choices=CareOccasion.choices)
    visited_on = models.DateField(_("走访日期"))
    visitors = models.CharField(_("走访人"), max_length=100, help_text=_("姓名及职务，多人用顿号分隔"))
    support = models.CharField(_("帮扶内容"), max_length=200, help_text=_("如：米、面、油各一份；协调就医"))
    amount = models.DecimalField(_("慰问金（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("走访慰问")
        verbose_name_plural = _("走访慰问")
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0), name="care_amount_positive")
        ]
        indexes = [models.Index(fields=["branch", "visited_on"])]

    def __str__(self):
        return f"{self.visited_on:%Y-%m-%d} {self.member}"


class Publication(models.Model):
    """What a branch made public (党务公开) and when: the dues collected, the development of members, its
    finances. Visible to the committees above."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="publications", verbose_name=_("党支部")
    )
    kind = models.CharField(_("公开事项"), max_length=20, choices=PublicationKind.choices)
    channel = models.CharField(_("公开方式"), max_length=20, choices=PublicationChannel.choices)
    published_on = models.DateField(_("公开日期"))
    period = models.CharField(_("所属期间"), max_length=50, help_text=_("如：2026年第二季度"))
    summary = models.CharField(_("公开内容摘要"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党务公开")
        verbose_name_plural = _("党务公开")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["branch", "published_on"])]

    def __str__(self):
        return f"{self.published_on:%Y-%m-%d} {self.get_kind_display()}"
