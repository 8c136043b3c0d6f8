from django import forms
from django.utils.translation import gettext_lazy as _

from branches.models import Organization

from .models import Lifecycle, Member, Post
from .rules import ETHNICITY_CHOICES, HAN, DisciplineKind, Education, Occupation, Sex

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberForm(forms.Form):
    """The member record. On edit, empty ID/phone fields keep the stored (encrypted) values."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    sex = forms.ChoiceField(label=_("性别"), choices=Sex.choices)
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial=HAN)
    birth_date = forms.DateField(label=_("出生日期"), widget=DATE)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=True)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    education = forms.ChoiceField(label=_("学历"), choices=Education.choices)
    occupation = forms.ChoiceField(label=_("职业"), choices=Occupation.choices)
    work_unit = forms.CharField(label=_("工作单位及职务"), max_length=100, required=False)
    address = forms.CharField(label=_("家庭住址"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("党员类别"), choices=Member._meta.get_field("status").choices)
    joined_on = forms.DateField(label=_("入党日期"), widget=DATE)
    confirmed_on = forms.DateField(label=_("转正日期"), widget=DATE, required=False)
    group = forms.ModelChoiceField(label=_("党小组"), queryset=Organization.objects.none(), required=False)

    def __init__(self, *args, branch, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = member is not None
        self.fields["group"].queryset = Organization.objects.children_of(branch).groups().active().order_by("code")
        if member is not None:
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = _("当前：%(masked)s。不修改请留空。") % {
                "masked": member.id_number_masked
            }
            self.fields["phone"].help_text = _("当前：%(masked)s。不修改请留空。") % {
                "masked": member.phone_masked or "—"
            }

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("id_number", "phone"):
            if self.editing and not data.get(key):
                data.pop(key, None)
        return data


class LifecycleForm(forms.Form):
    state = forms.ChoiceField(
        label=_("变更为"),
        choices=[
            (s, Lifecycle(s).label)
            for s in (Lifecycle.DECEASED, Lifecycle.REMOVED, Lifecycle.LOST_CONTACT, Lifecycle.ACTIVE)
        ],
    )
    on = forms.DateField(label=_("日期"), widget=DATE)
    reason = forms.CharField(label=_("原因"), max_length=200)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看事由"), max_length=200, help_text=_("将记录查看人、时间和事由。"))


class PostForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("任职组织"), queryset=Organization.objects.none())
    post = forms.ChoiceField(label=_("职务"), choices=Post.choices)
    started_on = forms.DateField(label=_("任职日期"), widget=DATE)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        branch = member.branch
        self.fields["organization"].queryset = Organization.objects.subtree(branch).active().order_by("path")
        self.fields["organization"].initial = branch.pk


class DisciplinaryMeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("处分种类"), choices=DisciplineKind.choices)
    decided_on = forms.DateField(label=_("处分决定日期"), widget=DATE)
    term_months = forms.TypedChoiceField(
        label=_("留党察看期限"),
        choices=[("", "—"), (12, _("一年（12个月）")), (24, _("二年（24个月）"))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("仅留党察看填写"),
    )
    decided_by = forms.CharField(
        label=_("处分决定机关"), max_length=200, help_text=_("作出处分决定的党组织或纪委，如：中共红岭乡委员会")
    )
    document = forms.CharField(label=_("处分决定文号"), max_length=200, required=False)
    reason = forms.CharField(label=_("处分事由"), widget=forms.Textarea(attrs={"rows": 3}))


class PostEndForm(forms.Form):
    ended_on = forms.DateField(label=_("离任日期"), widget=DATE)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("花名册文件（.xlsx）"), help_text=_("请使用下载的模板，文件不超过 5 MB。"))

    def clean_file(self):
        from partywork.xlsx import MAX_UPLOAD_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 5 MB，请拆分后再导入。"))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("只接受 .xlsx 格式的 Excel 工作簿。"))
        from .imports import upload_check

        self.content = upload.read()
        upload_check(self.content)
        return upload
