"""Forms of the standing app: the input's shape only; the rules are in rules.py and the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from branches.forms import DateInput

from .models import COMMITTEE_POSTS


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ElectionForm(forms.Form):
    elected_on = forms.DateField(label=_("选举日期"), widget=DateInput())
    voters_expected = forms.IntegerField(
        label=_("应到会有选举权党员"), min_value=1, help_text=_("本支部有选举权的正式党员人数")
    )
    voters_present = forms.IntegerField(label=_("实到会有选举权党员"), min_value=0)
    result = forms.CharField(
        label=_("选举结果"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：差额选举，共发出选票35张，收回35张，有效35张"),
    )


class SeatForm(forms.Form):
    member = MemberChoiceField(label=_("当选人"), queryset=None, required=False, empty_label=_("请选择"))
    post = forms.ChoiceField(
        label=_("职务"), required=False, choices=[("", _("请选择"))] + [(p.value, p.label) for p in COMMITTEE_POSTS]
    )
    votes_for = forms.IntegerField(label=_("赞成票"), min_value=0, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = candidates

    def clean(self):
        data = super().clean()
        filled = [data.get("member"), data.get("post"), data.get("votes_for")]
        if any(v not in (None, "") for v in filled) and any(v in (None, "") for v in filled):
            raise forms.ValidationError(_("请把这一行的当选人、职务和赞成票填完整，或整行留空"))
        return data

    @property
    def seat(self):
        data = self.cleaned_data
        return (data["member"], data["post"], data["votes_for"]) if data.get("member") else None


SeatFormSet = forms.formset_factory(SeatForm, extra=7, max_num=7)


class ApproveForm(forms.Form):
    approved_on = forms.DateField(label=_("批准日期"), widget=DateInput())
    approval_ref = forms.CharField(label=_("批复文号"), max_length=100, required=False)


class GradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}：{obj.criteria}" if obj.criteria else obj.name


class AssessmentForm(forms.Form):
    grade = GradeChoiceField(label=_("等次"), queryset=None, empty_label=_("请选择"))
    assessed_on = forms.DateField(label=_("评定日期"), widget=DateInput())
    remarks = forms.CharField(label=_("评定意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Grade

        self.fields["grade"].queryset = Grade.objects.filter(pk__in=[g.pk for g in scale]).order_by("rank")


class ConfirmForm(forms.Form):
    confirmed_on = forms.DateField(label=_("确认日期"), widget=DateInput())


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回原因"), max_length=200)


class BranchChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RectificationForm(forms.Form):
    branch = BranchChoiceField(label=_("党支部"), queryset=None, empty_label=_("请选择"))
    listed_on = forms.DateField(label=_("列入日期"), widget=DateInput())
    reasons = forms.ModelMultipleChoiceField(
        label=_("认定情形"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    situation = forms.CharField(label=_("主要问题"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    plan = forms.CharField(label=_("整顿方案"), widget=forms.Textarea(attrs={"rows": 4}))
    leader_name = forms.CharField(label=_("联系领导"), max_length=50)
    leader_title = forms.CharField(label=_("联系领导职务"), max_length=50, required=False)
    first_secretary = forms.CharField(label=_("第一书记（选派）"), max_length=50, required=False)
    first_secretary_unit = forms.CharField(label=_("第一书记选派单位"), max_length=100, required=False)
    first_secretary_since = forms.DateField(label=_("第一书记到任日期"), required=False, widget=DateInput())

    def __init__(self, *args, branches, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["reasons"].queryset = criteria


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("整顿任务"), max_length=200, required=False)
    due_on = forms.DateField(label=_("完成时限"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if bool(data.get("title")) != bool(data.get("due_on")):
            raise forms.ValidationError(_("请同时填写整顿任务和完成时限，或整行留空"))
        return data


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=4, max_num=10)


class MilestoneAddForm(forms.Form):
    title = forms.CharField(label=_("整顿任务"), max_length=200)
    due_on = forms.DateField(label=_("完成时限"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("完成日期"), widget=DateInput())
    note = forms.CharField(label=_("完成情况"), max_length=200, required=False)


class ProgressForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("季度"),
        coerce=int,
        choices=[(1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))],
    )
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("验收销号日期"), widget=DateInput())
    decision = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 2}))
