"""Forms of transfers and mobile members: validation of the input's shape only; the rules are in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from branches.forms import DateInput
from members.models import MemberStatus
from members.rules import ETHNICITY_CHOICES, HAN, Education, Occupation, Sex
from members.services import IDENTITY_FIELDS, STANDING_FIELDS

from .models import MobileContact


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class BranchChoiceField(forms.ModelChoiceField):
    """Target branches by name and code only: the sender never sees the target's data."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TransferStartForm(forms.Form):
    to_branch = BranchChoiceField(label=_("转入党支部"), queryset=None, empty_label=_("请选择"))
    issued_on = forms.DateField(label=_("转出日期"), widget=DateInput())
    reason = forms.CharField(label=_("转接原因"), max_length=200, help_text=_("如：工作调动、迁居、外出务工满6个月"))
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_branch"].queryset = targets


class TransferAcceptForm(forms.Form):
    on = forms.DateField(label=_("接收日期"), widget=DateInput())


class TransferCancelForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因"), max_length=200)


class LetterVoidForm(forms.Form):
    on = forms.DateField(label=_("恢复组织关系日期"), widget=DateInput())
    reason = forms.CharField(label=_("作废原因"), max_length=200, help_text=_("如：本人未去报到，介绍信已收回"))


class LetterIssueForm(forms.Form):
    external_org = forms.CharField(
        label=_("转往党组织"), max_length=200, help_text=_("介绍信抬头，如：中共某市某区委组织部")
    )
    reason = forms.CharField(label=_("转接原因"), max_length=200)
    issued_on = forms.DateField(label=_("开具日期"), widget=DateInput())
    same_city = forms.BooleanField(label=_("转往本市（同城）"), required=False)
    valid_until = forms.DateField(
        label=_("有效期至"),
        required=False,
        widget=DateInput(),
        help_text=_("不填时按规定计算：同城10天、外地30天，最长3个月"),
    )
    dues_paid_until = forms.DateField(
        label=_("党费交至（年月）"), input_formats=["%Y-%m", "%Y-%m-%d"], widget=MonthInput()
    )
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReturnSlipForm(forms.Form):
    accepted_on = forms.DateField(label=_("对方接收日期"), widget=DateInput(), help_text=_("回执上所载的接收日期"))
    received_on = forms.DateField(label=_("回执收到日期"), widget=DateInput())


class RegisterInForm(forms.Form):
    letter_number = forms.CharField(label=_("介绍信编号"), max_length=40)
    letter_date = forms.DateField(label=_("介绍信开具日期"), widget=DateInput())
    external_org = forms.CharField(label=_("转出党组织"), max_length=200, help_text=_("开具介绍信的县外党组织"))
    received_on = forms.DateField(label=_("接收日期"), widget=DateInput())
    reason = forms.CharField(label=_("转接原因"), max_length=200, required=False)
    name = forms.CharField(label=_("姓名"), max_length=50)
    sex = forms.ChoiceField(label=_("性别"), choices=Sex.choices)
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial=HAN)
    birth_date = forms.DateField(label=_("出生日期"), widget=DateInput())
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, min_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    education = forms.ChoiceField(label=_("学历"), choices=Education.choices)
    occupation = forms.ChoiceField(label=_("职业"), choices=Occupation.choices)
    work_unit = forms.CharField(label=_("工作单位及职务"), max_length=100, required=False)
    address = forms.CharField(label=_("家庭住址"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("党员类别"), choices=MemberStatus.choices)
    joined_on = forms.DateField(label=_("入党日期"), widget=DateInput())
    confirmed_on = forms.DateField(label=_("转正日期"), widget=DateInput(), required=False)

    MEMBER_FIELDS = (*IDENTITY_FIELDS, *STANDING_FIELDS)


class MobileRecordForm(forms.Form):
    left_on = forms.DateField(label=_("外出日期"), widget=DateInput())
    reason = forms.CharField(label=_("外出原因"), max_length=100, help_text=_("如：务工、经商、求学"))
    dest_province = forms.CharField(label=_("流入省份"), max_length=20)
    dest_city = forms.CharField(label=_("流入城市"), max_length=50)
    dest_unit = forms.CharField(label=_("流入地党组织或单位"), max_length=100, required=False)
    employer = forms.CharField(label=_("务工单位"), max_length=100, required=False)
    phone = forms.CharField(label=_("外出联系电话"), max_length=20, required=False)
    card_number = forms.CharField(label=_("流动党员活动证编号"), max_length=40, required=False)
    card_issued_on = forms.DateField(label=_("活动证发放日期"), widget=DateInput(), required=False)
    contact_person = MemberChoiceField(label=_("联系人"), queryset=None, empty_label=_("请选择"))
    dues_status = forms.CharField(
        label=_("党费交纳方式"), max_length=100, required=False, help_text=_("如：按季度微信转账、回乡时补交")
    )

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = contacts


class MobileUpdateForm(MobileRecordForm):
    """Correcting the ledger: the phone is kept when left empty (it is stored encrypted and not shown)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _("留空则不修改")
        del self.fields["left_on"]


class MobileContactForm(forms.Form):
    contacted_on = forms.DateField(label=_("联系日期"), widget=DateInput())
    channel = forms.ChoiceField(label=_("联系方式"), choices=MobileContact.Channel.choices)
    notes = forms.CharField(label=_("情况"), max_length=300, required=False)


class MobileReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("返回日期"), widget=DateInput())
