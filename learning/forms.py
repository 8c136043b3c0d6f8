from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import MAX_SESSION_HOURS, CareOccasion, CareReason, PublicationChannel, PublicationKind, TrainingKind


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("培训类别"), choices=TrainingKind.choices)
    held_on = forms.DateField(label=_("培训日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hours = forms.DecimalField(
        label=_("学时"),
        max_digits=5,
        decimal_places=1,
        min_value=0.1,
        max_value=MAX_SESSION_HOURS,
        help_text=_("每名参训人员计入的学时，可填一位小数，如 3.5。"),
    )
    content = forms.CharField(label=_("培训内容"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=_("参训党员"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    outside_attendees = forms.CharField(
        label=_("非党员参训人员（仅入党积极分子培训班）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人：姓名 身份证号码。"),
    )

    def __init__(self, *args, members, show_branch: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        if show_branch:
            self.fields["members"].label_from_instance = lambda m: f"{m.name}（{m.branch.display_name}）"
        else:
            self.fields["members"].label_from_instance = lambda m: m.name


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)

    @staticmethod
    def year_from(request, default: int) -> int:
        form = YearForm(request.GET)
        return form.cleaned_data["year"] if form.is_valid() else default


class TalkForm(forms.Form):
    member = forms.ModelChoiceField(label=_("谈话对象"), queryset=None)
    held_on = forms.DateField(label=_("谈话日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    talker = forms.CharField(label=_("谈话人"), max_length=50, help_text=_("姓名及职务，如：孙志强（支部书记）"))
    topic = forms.CharField(
        label=_("谈话主要内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("简要记录，不超过 200 字；仅支部委员会及上级党组织可见。"),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.name


class CareVisitForm(forms.Form):
    member = forms.ModelChoiceField(label=_("慰问对象"), queryset=None)
    reason = forms.ChoiceField(label=_("慰问类别"), choices=CareReason.choices)
    occasion = forms.ChoiceField(label=_("慰问时机"), choices=CareOccasion.choices)
    visited_on = forms.DateField(label=_("走访日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    visitors = forms.CharField(label=_("走访人"), max_length=100, help_text=_("姓名及职务，多人用顿号分隔"))
    support = forms.CharField(label=_("帮扶内容"), max_length=200, help_text=_("如：米、面、油各一份；协调就医"))
    amount = forms.DecimalField(
        label=_("慰问金（元）"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("发放了慰问金才填写，精确到分；没有请留空。"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "max_decimal_places": _("金额最多保留两位小数（到分）"),
            "invalid": _("请输入金额，例如 500.00"),
        },
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.name


class PublicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("公开事项"), choices=PublicationKind.choices)
    channel = forms.ChoiceField(label=_("公开方式"), choices=PublicationChannel.choices)
    published_on = forms.DateField(
        label=_("公开日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period = forms.CharField(label=_("所属期间"), max_length=50, help_text=_("如：2026年第二季度"))
    summary = forms.CharField(label=_("公开内容摘要"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}))
