from django import forms
from django.utils.translation import gettext_lazy as _

from branches.forms import DateInput
from members.models import Lifecycle, Member
from members.rules import ETHNICITY_CHOICES, HAN, Education, Occupation, Sex

from . import rules


class ApplicantForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    sex = forms.ChoiceField(label=_("性别"), choices=Sex.choices)
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial=HAN)
    birth_date = forms.DateField(label=_("出生日期"), widget=DateInput())
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    education = forms.ChoiceField(label=_("学历"), choices=Education.choices)
    occupation = forms.ChoiceField(label=_("职业"), choices=Occupation.choices)
    work_unit = forms.CharField(label=_("工作单位及职务"), max_length=100, required=False)
    address = forms.CharField(label=_("家庭住址"), max_length=200, required=False)
    applied_on = forms.DateField(label=_("递交入党申请书日期"), widget=DateInput())
    document = forms.CharField(label=_("申请书"), max_length=200, required=False, initial=_("入党申请书"))
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StepForm(forms.Form):
    """The fields of one step; the step-specific ones are present only on the steps that need them."""

    on = forms.DateField(label=_("日期"), widget=DateInput())
    participants = forms.CharField(
        label=_("参与人员"), max_length=200, required=False, help_text=_("谈话人、审批的党委委员会等")
    )
    people = forms.ModelMultipleChoiceField(label=_("党员"), queryset=Member.objects.none(), required=False)
    training_days = forms.IntegerField(label=_("培训天数"), min_value=0, required=False)
    training_hours = forms.IntegerField(label=_("培训学时"), min_value=0, required=False)
    notice_from = forms.DateField(label=_("公示开始日期"), widget=DateInput(), required=False)
    notice_to = forms.DateField(label=_("公示结束日期"), widget=DateInput(), required=False)
    should_attend = forms.IntegerField(label=_("应到有表决权党员"), min_value=0, required=False)
    present = forms.IntegerField(label=_("实到有表决权党员"), min_value=0, required=False)
    yes_votes = forms.IntegerField(label=_("赞成票（含书面表决）"), min_value=0, required=False)
    no_votes = forms.IntegerField(label=_("反对票"), min_value=0, required=False)
    abstentions = forms.IntegerField(label=_("弃权票"), min_value=0, required=False)
    outcome = forms.ChoiceField(label=_("讨论结果"), choices=rules.Outcome.CHOICES, required=False)
    extension_months = forms.IntegerField(label=_("延长预备期（月）"), min_value=0, required=False)
    document = forms.CharField(label=_("形成的材料"), max_length=200, required=False, help_text=_("材料名称及文号"))
    document_file = forms.FileField(label=_("材料扫描件"), required=False)
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    STEP_FIELDS = {
        "people": rules.PEOPLE_STEPS,
        "training_days": (rules.TRAINING_STEP,),
        "training_hours": (rules.TRAINING_STEP,),
        "notice_from": rules.NOTICE_STEPS,
        "notice_to": rules.NOTICE_STEPS,
        "should_attend": rules.VOTE_STEPS,
        "present": rules.VOTE_STEPS,
        "yes_votes": rules.VOTE_STEPS,
        "no_votes": rules.VOTE_STEPS,
        "abstentions": rules.VOTE_STEPS,
        "outcome": (rules.CONFIRMATION_VOTE,),
        "extension_months": (rules.CONFIRMATION_VOTE,),
    }

    def __init__(self, *args, number: int, branch, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, steps in self.STEP_FIELDS.items():
            if number not in steps:
                del self.fields[name]
        if "people" in self.fields:
            if people is None:
                people = Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE).order_by("name_pinyin")
            field = self.fields["people"]
            field.queryset = people
            # Members of other branches (after the township's exception) show their branch.
            field.label_from_instance = lambda m: m.name if m.branch_id == branch.pk else f"{m.name}（{m.branch.name}）"
            field.label = (
                _("入党介绍人（两名正式党员，一般为本支部党员）")
                if number == rules.SPONSORS_STEP
                else _("培养联系人（一至两名正式党员）")
            )
        if "outcome" in self.fields:
            self.fields["outcome"].required = True


class ExceptionForm(forms.Form):
    rule = forms.ChoiceField(label=_("规则"), choices=rules.RULE_CHOICES)
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.CharField(label=_("批准文件"), max_length=200, required=False)


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    new_members = forms.IntegerField(label=_("发展党员计划数"), min_value=0, max_value=1000)
    new_activists = forms.IntegerField(label=_("确定积极分子计划数"), min_value=0, max_value=1000, initial=0)


class CloseForm(forms.Form):
    on = forms.DateField(label=_("终止日期"), widget=DateInput())
    reason = forms.CharField(label=_("终止原因"), max_length=200)


class StepCorrectForm(StepForm):
    """The step's fields as recorded, to correct, and the reason, which goes into the history."""

    reason = forms.CharField(
        label=_("更正原因"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("更正会连同原因、原值和更正人记入变更记录"),
    )
