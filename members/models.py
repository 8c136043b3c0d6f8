from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from pypinyin import Style, lazy_pinyin
from simple_history.models import HistoricalRecords

from branches.models import Organization

from . import crypto
from .rules import (
    ETHNICITY_CHOICES,
    HAN,
    DisciplineKind,
    Education,
    Occupation,
    Sex,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
    suspension_end,
)

# Fields never shown in audit history: their values are ciphertext or keyed hashes.
SENSITIVE_FIELDS = ("id_number_cipher", "id_number_hash", "phone_cipher", "phone_hash")


class Person(models.Model):
    """Identity fields shared by members and applicants. ID and phone numbers are stored encrypted, with a
    keyed hash for uniqueness and lookup, and a masked copy for display (DOMAIN §8)."""

    name = models.CharField(_("姓名"), max_length=50)
    name_initials = models.CharField(_("拼音首字母"), max_length=50, blank=True, db_index=True, editable=False)
    name_pinyin = models.CharField(_("拼音"), max_length=200, blank=True, editable=False)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices)
    ethnicity = models.CharField(_("民族"), max_length=10, choices=ETHNICITY_CHOICES, default=HAN)
    birth_date = models.DateField(_("出生日期"))
    id_number_cipher = models.TextField(_("身份证号码（密文）"), editable=False)
    id_number_hash = models.CharField(_("身份证号码索引"), max_length=64, editable=False)
    id_number_masked = models.CharField(_("身份证号码"), max_length=18, editable=False)
    phone_cipher = models.TextField(_("联系电话（密文）"), blank=True, editable=False)
    phone_hash = models.CharField(_("联系电话索引"), max_length=64, blank=True, editable=False, db_index=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    education = models.CharField(_("学历"), max_length=30, choices=Education.choices)
    occupation = models.CharField(_("职业"), max_length=30, choices=Occupation.choices)
    work_unit = models.CharField(_("工作单位及职务"), max_length=100, blank=True)
    address = models.CharField(_("家庭住址"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def set_name(self, name: str) -> None:
        self.name = name.strip()
        self.name_initials = "".join(lazy_pinyin(self.name, style=Style.FIRST_LETTER)).lower()
        self.name_pinyin = "".join(lazy_pinyin(self.name)).lower()

    def set_id_number(self, number: str) -> None:
        number = normalize_id_number(number)
        self.id_number_cipher = crypto.encrypt(number)
        self.id_number_hash = crypto.blind_index(number)
        self.id_number_masked = mask_id_number(number)

    def set_phone(self, number: str) -> None:
        number = normalize_phone(number)
        self.phone_cipher = crypto.encrypt(number)
        self.phone_hash = crypto.blind_index(number)
        self.phone_masked = mask_phone(number) if number else ""

    @property
    def id_number(self) -> str:
        """The clear ID number. Only services that log the access (or exports for roles allowed to see it)
        read this."""
        return crypto.decrypt(self.id_number_cipher)

    @property
    def phone(self) -> str:
        return crypto.decrypt(self.phone_cipher)


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("预备党员")
    FULL = "full", _("正式党员")


class Lifecycle(models.TextChoices):
    ACTIVE = "active", _("在册")
    TRANSFERRED_OUT = "transferred_out", _("已转出")
    DECEASED = "deceased", _("已去世")
    REMOVED = "removed", _("已出党")
    LOST_CONTACT = "lost_contact", _("失去联系")


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifecycle=Lifecycle.ACTIVE)

    def on_roll(self):
        """Members the branch still answers for: active or lost contact (失联 members stay on the roll)."""
        return self.filter(lifecycle__in=(Lifecycle.ACTIVE, Lifecycle.LOST_CONTACT))

    def visible_to(self, user, permission: str = "members.view"):
        from branches.scoping import scope_q

        return self.filter(scope_q(user, permission, field="branch"))


class Member(Person):
    """A party member on the county's roll. One row per person: moving between branches changes `branch`
    and adds a Membership row, so the history of branches is never overwritten."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="members", verbose_name=_("所在党支部")
    )
    group = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_members",
        verbose_name=_("所在党小组"),
    )
    status = models.CharField(_("党员类别"), max_length=20, choices=MemberStatus.choices)
    joined_on = models.DateField(_("入党日期"))
    confirmed_on = models.DateField(_("转正日期"), null=True, blank=True)
    lifecycle = models.CharField(_("状态"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.ACTIVE)
    lifecycle_changed_on = models.DateField(_("状态变更日期"), null=True, blank=True)
    lifecycle_reason = models.CharField(_("状态变更原因"), max_length=200, blank=True)
    is_mobile = models.BooleanField(_("流动党员"), default=False)
    created_at = models.DateTimeField(_("建档时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_initials", "name_pinyin", "updated_at"])

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        constraints = [
            # One person, one row: the same person cannot be a member of two branches (DOMAIN §8).
            models.UniqueConstraint(fields=["id_number_hash"], name="member_one_row_per_person"),
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=True) | Q(confirmed_on__gte=F("joined_on")),
                name="member_confirmed_after_joined",
            ),
            models.CheckConstraint(
                condition=Q(status="probationary", confirmed_on__isnull=True) | Q(status="full"),
                name="member_probationary_not_confirmed",
            ),
        ]
        indexes = [
            models.Index(fields=["branch", "lifecycle"]),
            models.Index(fields=["lifecycle", "status"]),
        ]


class Post(models.TextChoices):
    SECRETARY = "secretary", _("书记")
    DEPUTY = "deputy", _("副书记")
    ORGANIZATION = "organization", _("组织委员")
    DISCIPLINE = "discipline", _("纪检委员")
    PROPAGANDA = "propaganda", _("宣传委员")
    COMMITTEE = "committee", _("委员")
    GROUP_LEADER = "group_leader", _("党小组组长")


class MemberPost(models.Model):
    """A post held in an organisation (DOMAIN §1 office holders), with its dates."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="posts", verbose_name=_("党员"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="posts", verbose_name=_("组织")
    )
    post = models.CharField(_("职务"), max_length=20, choices=Post.choices)
    started_on = models.DateField(_("任职日期"))
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党内职务")
        verbose_name_plural = _("党内职务")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="post_ends_after_start"
            ),
            # One secretary at a time per organisation.
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(post="secretary", ended_on__isnull=True),
                name="post_one_current_secretary",
            ),
        ]


class Membership(models.Model):
    """One stay of a member in one branch: the branch history, never overwritten."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("党员"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("党支部")
    )
    started_on = models.DateField(_("转入日期"))
    ended_on = models.DateField(_("转出日期"), null=True, blank=True)
    start_reason = models.CharField(_("转入原因"), max_length=100, blank=True)
    end_reason = models.CharField(_("转出原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("组织关系记录")
        verbose_name_plural = _("组织关系记录")
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(ended_on__isnull=True), name="membership_one_open_per_member"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="membership_ends_after_start",
            ),
        ]


class LifecycleEvent(models.Model):
    """Each change of a member's state, with its date and reason (the member row keeps the latest)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="lifecycle_events")
    state = models.CharField(_("状态"), max_length=20, choices=Lifecycle.choices)
    on = models.DateField(_("日期"))
    reason = models.CharField(_("原因"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党员状态变更")
        verbose_name_plural = _("党员状态变更")
        ordering = ["on", "pk"]


class SensitiveAccess(models.Model):
    """Who saw or exported full ID or phone numbers, when and why (DOMAIN §8)."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        EXPORT = "export", _("导出")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    fields = models.CharField(_("字段"), max_length=100)
    reason = models.CharField(_("事由"), max_length=200)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("敏感信息访问记录")
        verbose_name_plural = _("敏感信息访问记录")
        ordering = ["-at"]


class MemberImport(models.Model):
    """An uploaded roster workbook waiting between its preview and its commit. Only its owner may see or
    commit it; the bytes are parsed again at commit, so what is written is exactly what was previewed."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("文件内容"), blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)

    class Meta:
        verbose_name = _("花名册导入")
        verbose_name_plural = _("花名册导入")
        ordering = ["-created_at", "-pk"]


class DisciplinaryMeasureQuerySet(models.QuerySet):
    def visible_to(self, user, permission: str = "members.view"):
        from branches.scoping import scope_q

        return self.filter(scope_q(user, permission, field="member__branch"))

    def suspending_rights_on(self, day):
        """留党察看 in force on `day` (Constitution art. 40): decided on or before it, its term not over, not
        lifted. The term's end is computed in Python (month arithmetic), so this narrows by kind and dates
        and `DisciplinaryMeasure.suspends_rights_on` decides."""
        return self.filter(kind=DisciplineKind.PROBATION, decided_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day)
        )


class DisciplinaryMeasure(models.Model):
    """A disciplinary measure (党纪处分) decided on a member (Constitution art. 39, Discipline Regulations art. 8):
    its kind, decision date, term (留党察看 only), who decided it and why. Recorded by the township on the
    member's file, kept in the history and counted in the year-end statistics. Never deleted: a measure
    lifted on appeal gets its `ended_on`."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="disciplinary_measures", verbose_name=_("党员")
    )
    kind = models.CharField(_("处分种类"), max_length=20, choices=DisciplineKind.choices)
    decided_on = models.DateField(_("处分决定日期"))
    term_months = models.PositiveSmallIntegerField(
        _("留党察看期限（月）"), null=True, blank=True, help_text=_("仅留党察看填写：12 或 24")
    )
    decided_by = models.CharField(
        _("处分决定机关"), max_length=200, help_text=_("作出处分决定的党组织或纪委，如：中共红岭乡委员会")
    )
    document = models.CharField(_("处分决定文号"), max_length=200, blank=True)
    reason = models.TextField(_("处分事由"))
    ended_on = models.DateField(
        _("撤销或解除日期"), null=True, blank=True, help_text=_("处分经申诉撤销、或提前解除时填写")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = DisciplinaryMeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党纪处分")
        verbose_name_plural = _("党纪处分")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["member", "kind", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="probation") | Q(term_months__isnull=False, term_months__in=(12, 24)),
                name="discipline_probation_term",
            ),
            models.CheckConstraint(
                condition=Q(kind="probation") | Q(term_months__isnull=True), name="discipline_term_only_probation"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("decided_on")),
                name="discipline_ends_after_decision",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.decided_on.isoformat()}）"

    @property
    def term_end(self):
        """The last day of a 留党察看 term (None for the other kinds)."""
        if self.kind != DisciplineKind.PROBATION or not self.term_months:
            return None
        return suspension_end(self.decided_on, self.term_months)

    def suspends_rights_on(self, day) -> bool:
        """Constitution art. 40: during 留党察看 the member has no right to vote, elect or be elected."""
        end = self.term_end
        return end is not None and self.decided_on <= day <= end and (self.ended_on is None or day < self.ended_on)
