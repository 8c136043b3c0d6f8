from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization
from members.models import Member

from .rules import AttachmentKind, Grade, MeetingKind, Period, ResolutionOutcome, UnqualifiedHandling
from .rules import Attendance as AttendanceChoice


class ComplianceRule(models.Model):
    """A minimum frequency of organisational life (DOMAIN §2), as data: the county administrator edits it
    in Django admin. For a year, the rule of each kind with the latest `applies_from` not after that year
    is in force; a kind whose latest rule is inactive is not required from then on."""

    kind = models.CharField(_("会议类型"), max_length=20, choices=MeetingKind.choices)
    period = models.CharField(_("周期"), max_length=10, choices=Period.choices)
    min_count = models.PositiveSmallIntegerField(_("每周期至少次数"), default=1)
    min_full_members = models.PositiveSmallIntegerField(
        _("适用于正式党员不少于（人）"), default=0, help_text=_("0 表示所有支部；支部委员会为 7")
    )
    per_group = models.BooleanField(_("按党小组分别计算"), default=False)
    by_secretary = models.BooleanField(
        _("仅计书记授课"),
        default=False,
        help_text=_("已停用：支部书记讲党课次数是本地规则，在“本地规则”中设定；此类规则不再参与考核"),
    )
    applies_from = models.PositiveSmallIntegerField(_("起始年度"))
    is_active = models.BooleanField(_("启用"), default=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("组织生活频次规则")
        verbose_name_plural = _("组织生活频次规则")
        ordering = ["kind", "-applies_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "by_secretary", "applies_from"], name="compliance_rule_kind_year")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_period_display()} ≥{self.min_count}（{self.applies_from}年起）"


class MeetingStandard(models.Model):
    """Local settings of meeting records and remote education, versioned by the year they apply from."""

    applies_from = models.PositiveSmallIntegerField(_("起始年度"), unique=True)
    late_entry_days = models.PositiveSmallIntegerField(
        _("补录界限（天）"), default=7, help_text=_("会议结束后超过该天数登记的记录标记为补录")
    )
    due_soon_days = models.PositiveSmallIntegerField(_("到期前提醒（天）"), default=10)
    remote_min_sessions = models.PositiveSmallIntegerField(_("远程教育每月至少播放次数"), default=4)
    remote_min_hours = models.PositiveSmallIntegerField(_("远程教育每月至少播放小时"), default=3)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("组织生活本地标准")
        verbose_name_plural = _("组织生活本地标准")
        ordering = ["-applies_from"]

    def __str__(self):
        return _("%(year)s年起执行的标准") % {"year": self.applies_from}


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user, permission: str = "meetings.view"):
        from branches.scoping import scope_q

        return self.filter(scope_q(user, permission, field="organization"))

    def with_counts(self):
        """Should attend, present and absent, computed from the attendance rows (never typed)."""
        expected = ~Q(attendances__choice=AttendanceChoice.NOT_EXPECTED)
        return self.annotate(
            should_attend=Count("attendances", filter=expected),
            present=Count("attendances", filter=Q(attendances__choice=AttendanceChoice.PRESENT)),
        )


class Meeting(models.Model):
    """One meeting record (会议记录, DOMAIN §2). It belongs to a branch, and to one of its party groups for
    a group meeting. Its kinds are rows of MeetingKindLink, so one event counts for each of its kinds."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("党支部")
    )
    group = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_meetings",
        verbose_name=_("党小组"),
    )
    topic = models.CharField(_("会议主题"), max_length=200)
    held_on = models.DateField(_("会议日期"))
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    place = models.CharField(_("会议地点"), max_length=100)
    host = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("主持人")
    )
    recorder = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("记录人")
    )
    lecturer = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("授课人")
    )
    lecturer_name = models.CharField(_("授课人（非本支部）"), max_length=50, blank=True)
    agenda = models.TextField(_("会议议程"), blank=True)
    discussion = models.TextField(_("讨论情况"), blank=True)
    guests = models.CharField(_("列席人员"), max_length=300, blank=True)
    is_late_entry = models.BooleanField(_("补录"), default=False)
    entered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会议记录")
        verbose_name_plural = _("会议记录")
        ordering = ["-held_on", "-starts_at", "-pk"]
        indexes = [models.Index(fields=["organization", "held_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after")
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    @property
    def host_name(self) -> str:
        return self.host.name if self.host_id else ""

    @property
    def recorder_name(self) -> str:
        return self.recorder.name if self.recorder_id else ""

    @property
    def lecturer_display(self) -> str:
        return self.lecturer.name if self.lecturer_id else self.lecturer_name


class MeetingKindLink(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="kinds")
    kind = models.CharField(_("会议类型"), max_length=20, choices=MeetingKind.choices)

    class Meta:
        verbose_name = _("会议类型")
        verbose_name_plural = _("会议类型")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="meeting_kind_once")]


class MeetingAttendance(models.Model):
    """One row of the attendance grid. `has_vote` and `was_mobile` keep the member's standing on the day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="meeting_attendances")
    choice = models.CharField(_("出席情况"), max_length=20, choices=AttendanceChoice.choices)
    note = models.CharField(_("缺席说明"), max_length=100, blank=True)
    has_vote = models.BooleanField(_("有表决权"))
    was_mobile = models.BooleanField(_("流动党员"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("出席情况")
        verbose_name_plural = _("出席情况")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]

    @property
    def present(self) -> bool:
        return self.choice == AttendanceChoice.PRESENT


class Resolution(models.Model):
    """A resolution with its tally; the outcome is computed by the vote rule (`branches.votes`), never typed."""

    Outcome = ResolutionOutcome

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    text = models.CharField(_("决议事项"), max_length=300)
    yes = models.PositiveSmallIntegerField(_("同意"), default=0)
    no = models.PositiveSmallIntegerField(_("反对"), default=0)
    abstain = models.PositiveSmallIntegerField(_("弃权"), default=0)
    should_vote = models.PositiveSmallIntegerField(_("应到有表决权人数"), default=0)
    present_vote = models.PositiveSmallIntegerField(_("实到有表决权人数"), default=0)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决议")
        verbose_name_plural = _("决议")
        ordering = ["position", "pk"]


class MeetingAttachment(models.Model):
    """A photo, scanned sign-in sheet or PDF; its type is what its bytes are, checked on upload."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("附件类型"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to="meetings/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=50)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会议附件")
        verbose_name_plural = _("会议附件")
        ordering = ["pk"]


class AppraisalGrade(models.Model):
    """A member's grade in the democratic appraisal held at `meeting` (民主评议党员, Member Regs)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="grades")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="appraisal_grades")
    grade = models.CharField(_("评议等次"), max_length=20, choices=Grade.choices)
    handling = models.CharField(_("处置方式"), max_length=20, choices=UnqualifiedHandling.choices, blank=True)
    handling_note = models.CharField(_("处置说明"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("民主评议结果")
        verbose_name_plural = _("民主评议结果")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="appraisal_once"),
            models.CheckConstraint(
                condition=Q(grade="unqualified") | Q(handling=""), name="appraisal_handling_only_unqualified"
            ),
        ]


class RemoteSite(models.Model):
    """A remote-education viewing site (远程教育播放点) of a township, usually in one village branch."""

    township = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="remote_sites", verbose_name=_("乡镇党委")
    )
    branch = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="remote_branch_sites",
        verbose_name=_("所在党支部"),
    )
    name = models.CharField(_("播放点名称"), max_length=100)
    is_active = models.BooleanField(_("在用"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("远程教育播放点")
        verbose_name_plural = _("远程教育播放点")
        ordering = ["township", "name"]

    def __str__(self):
        return self.name


class RemoteSession(models.Model):
    """One viewing session: date, duration, content and the members who watched."""

    site = models.ForeignKey(RemoteSite, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("播放日期"))
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"))
    content = models.CharField(_("播放内容"), max_length=200)
    viewers = models.ManyToManyField(Member, related_name="remote_sessions", verbose_name=_("收看党员"), blank=True)
    other_viewers = models.PositiveSmallIntegerField(_("其他收看群众（人）"), default=0)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("远程教育播放记录")
        verbose_name_plural = _("远程教育播放记录")
        ordering = ["-held_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(minutes__gt=0), name="remote_session_minutes_positive")]
