import datetime

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from branches.rules import TOWNSHIP_KINDS, OrgKind

from . import rules
from .rules import AttachmentKind, Attendance, Grade, MeetingKind, UnqualifiedHandling

ATTENDANCE_PREFIX = "att_"
NOTE_PREFIX = "note_"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MeetingForm(forms.Form):
    """The meeting record and its attendance grid in one form: one submission logs the whole meeting.
    Each member who should attend gets a choice (出席 or the reason of absence) and a note."""

    kinds = forms.MultipleChoiceField(label=_("会议类型（可多选）"), widget=forms.CheckboxSelectMultiple)
    topic = forms.CharField(label=_("会议主题"), max_length=200)
    held_on = forms.DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts_at = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends_at = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("会议地点"), max_length=100)
    host = MemberChoiceField(label=_("主持人"), queryset=None, required=False)
    recorder = MemberChoiceField(label=_("记录人"), queryset=None, required=False)
    lecturer = MemberChoiceField(
        label=_("授课人（党课）"),
        queryset=None,
        required=False,
        help_text=_("本支部党员，或在乡镇党委、县委任职的领导干部（如乡镇党委书记）"),
    )
    lecturer_name = forms.CharField(label=_("授课人（非本支部，填姓名和职务）"), max_length=50, required=False)
    guests = forms.CharField(label=_("列席人员（非党员）"), max_length=300, required=False)
    agenda = forms.CharField(label=_("会议议程"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    discussion = forms.CharField(label=_("讨论情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    MAIN_FIELDS = ("kinds", "topic", "held_on", "starts_at", "ends_at", "place", "host", "recorder")
    MORE_FIELDS = ("lecturer", "lecturer_name", "guests", "agenda", "discussion")

    def __init__(self, *args, org, attendees, branch_members, lecturers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        self.attendees = list(attendees)
        is_group = org.kind == OrgKind.GROUP
        if is_group:
            self.fields["kinds"].choices = [c for c in MeetingKind.choices if c[0] in rules.GROUP_KINDS]
        elif org.kind in TOWNSHIP_KINDS:
            self.fields["kinds"].choices = [c for c in MeetingKind.choices if c[0] in rules.TOWNSHIP_LIFE_KINDS]
        else:
            township_only = set(rules.TOWNSHIP_LIFE_KINDS) - {MeetingKind.OTHER}
            self.fields["kinds"].choices = [
                c for c in MeetingKind.choices if c[0] != MeetingKind.GROUP and c[0] not in township_only
            ]
        for name in ("host", "recorder"):
            self.fields[name].queryset = branch_members
        # The lecturer may also be a leading cadre of a committee above (Branch Regs art. 16).
        self.fields["lecturer"].queryset = lecturers if lecturers is not None else branch_members
        for member in self.attendees:
            self.fields[f"{ATTENDANCE_PREFIX}{member.pk}"] = forms.ChoiceField(
                label=member.name, choices=Attendance.choices, initial=Attendance.PRESENT
            )
            self.fields[f"{NOTE_PREFIX}{member.pk}"] = forms.CharField(label=_("说明"), max_length=100, required=False)

    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    def more_fields(self):
        return [self[name] for name in self.MORE_FIELDS]

    def grid(self):
        """(member, choice field, note field) for each member who should attend."""
        return [(m, self[f"{ATTENDANCE_PREFIX}{m.pk}"], self[f"{NOTE_PREFIX}{m.pk}"]) for m in self.attendees]

    def clean(self):
        data = super().clean()
        # The grid only shows our own members, but a crafted request may name anyone: refuse it here too.
        known = {f"{ATTENDANCE_PREFIX}{m.pk}" for m in self.attendees}
        strangers = [k for k in self.data if k.startswith(ATTENDANCE_PREFIX) and k not in known]
        if strangers:
            raise forms.ValidationError(
                gettext("出席名单中有%(n)d人不属于%(org)s，已拒绝") % {"n": len(strangers), "org": self.org.name}
            )
        return data

    def attendance(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            m.pk: (data[f"{ATTENDANCE_PREFIX}{m.pk}"], data.get(f"{NOTE_PREFIX}{m.pk}") or "") for m in self.attendees
        }

    def meeting_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in (*self.MAIN_FIELDS, *self.MORE_FIELDS)}


class ResolutionForm(forms.Form):
    text = forms.CharField(label=_("决议事项"), max_length=300, required=False)
    yes = forms.IntegerField(label=_("同意"), min_value=0, required=False)
    no = forms.IntegerField(label=_("反对"), min_value=0, required=False)
    abstain = forms.IntegerField(label=_("弃权"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text") and any(data.get(k) for k in ("yes", "no", "abstain")):
            self.add_error("text", gettext("填写了票数，请填写决议事项"))
        return data


ResolutionFormSet = formset_factory(ResolutionForm, extra=2, max_num=10)


def resolution_rows(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data.get("text")]


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("附件类型"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("文件（JPEG、PNG 或 PDF，不超过 10 MB）"))


class AppraisalForm(forms.Form):
    """One grade per member on the appraisal meeting's list."""

    def __init__(self, *args, members, initial_grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            current = initial_grades.get(member.pk)
            self.fields[f"grade_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=[("", "—"), *Grade.choices],
                required=False,
                initial=current.grade if current else "",
            )
            self.fields[f"handling_{member.pk}"] = forms.ChoiceField(
                label=_("处置方式"),
                choices=[("", "—"), *UnqualifiedHandling.choices],
                required=False,
                initial=current.handling if current else "",
            )
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=_("说明"), max_length=200, required=False, initial=current.handling_note if current else ""
            )

    def rows(self):
        return [(m, self[f"grade_{m.pk}"], self[f"handling_{m.pk}"], self[f"note_{m.pk}"]) for m in self.members]

    def grades(self) -> dict[int, tuple[str, str, str]]:
        data = self.cleaned_data
        return {
            m.pk: (data[f"grade_{m.pk}"], data[f"handling_{m.pk}"], data[f"note_{m.pk}"])
            for m in self.members
            if data[f"grade_{m.pk}"]
        }


class RemoteSiteForm(forms.Form):
    name = forms.CharField(label=_("播放点名称"), max_length=100)
    branch = forms.ModelChoiceField(label=_("所在党支部"), queryset=None)

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches


class RemoteSessionForm(forms.Form):
    held_on = forms.DateField(label=_("播放日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    minutes = forms.IntegerField(label=_("时长（分钟）"), min_value=1, max_value=600)
    content = forms.CharField(label=_("播放内容"), max_length=200)
    viewers = forms.ModelMultipleChoiceField(
        label=_("收看党员"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_viewers = forms.IntegerField(label=_("其他收看群众（人）"), min_value=0, initial=0, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["viewers"].queryset = members
        self.fields["viewers"].label_from_instance = lambda m: m.name


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)

    @staticmethod
    def year_from(request, default: int) -> int:
        form = YearForm(request.GET)
        return form.cleaned_data["year"] if form.is_valid() else default


def month_from(request, default: datetime.date) -> datetime.date:
    text = request.GET.get("month", "")
    try:
        return datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        return default.replace(day=1)


REASON_HELP = _("必填。更正会连同原因、原值和更正人记入变更记录")


class MeetingCorrectionForm(forms.Form):
    """Correct a saved record: its fields as they are, changed where wrong, and the reason (issue 10 item 15)."""

    topic = forms.CharField(label=_("会议主题"), max_length=200)
    held_on = forms.DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts_at = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends_at = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("会议地点"), max_length=100)
    host = MemberChoiceField(label=_("主持人"), queryset=None, required=False)
    recorder = MemberChoiceField(label=_("记录人"), queryset=None, required=False)
    lecturer = MemberChoiceField(label=_("授课人（党课）"), queryset=None, required=False)
    lecturer_name = forms.CharField(label=_("授课人（非本支部，填姓名和职务）"), max_length=50, required=False)
    guests = forms.CharField(label=_("列席人员（非党员）"), max_length=300, required=False)
    agenda = forms.CharField(label=_("会议议程"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    discussion = forms.CharField(label=_("讨论情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reason = forms.CharField(label=_("更正原因"), max_length=100, required=False, help_text=REASON_HELP)

    def __init__(self, *args, branch_members, lecturers, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("host", "recorder"):
            self.fields[name].queryset = branch_members
        self.fields["lecturer"].queryset = lecturers

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class AttendanceCorrectionForm(forms.Form):
    """Correct a saved attendance grid: one choice and note per member on it, and the reason."""

    reason = forms.CharField(label=_("更正原因"), max_length=100, required=False, help_text=REASON_HELP)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"{ATTENDANCE_PREFIX}{row.member_id}"] = forms.ChoiceField(
                label=row.member.name, choices=Attendance.choices, initial=row.choice
            )
            self.fields[f"{NOTE_PREFIX}{row.member_id}"] = forms.CharField(
                label=_("说明"), max_length=100, required=False, initial=row.note
            )

    def grid(self):
        return [
            (row.member, self[f"{ATTENDANCE_PREFIX}{row.member_id}"], self[f"{NOTE_PREFIX}{row.member_id}"])
            for row in self.rows
        ]

    def attendance(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        grid = {}
        for row in self.rows:
            pk = row.member_id
            grid[pk] = (data[f"{ATTENDANCE_PREFIX}{pk}"], data.get(f"{NOTE_PREFIX}{pk}") or "")
        return grid
