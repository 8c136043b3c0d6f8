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
