from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Organization, User
from .throttle import address_throttled


class LoginForm(AuthenticationForm):
    """The login form; an address with too many recent failures is refused before any password is checked."""

    error_messages = {
        "invalid_login": _("登录名或密码不正确。连续 5 次错误后账号将被锁定 30 分钟。"),
        "inactive": _("该账号已停用，请联系上级管理员。"),
        "address_throttled": _(
            "此网络地址近 10 分钟内登录失败次数过多，已暂停从此地址登录，请 10 分钟后再试。"
            "如确需立即登录，请联系县委组织部管理员。"
        ),
    }

    def clean(self):
        if self.request is not None and address_throttled(self.request):
            raise forms.ValidationError(self.error_messages["address_throttled"], code="address_throttled")
        return super().clean()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "category", "code", "founded_on", "address"]
        widgets = {"founded_on": DateInput()}

    def __init__(self, *args, kind_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind_choices is not None:
            self.fields["kind"].choices = [(k, rules.OrgKind(k).label) for k in kind_choices]
        if self.instance.pk:
            # The kind decides the place in the tree; it is not changed by editing.
            del self.fields["kind"]

    def clean_founded_on(self):
        founded = self.cleaned_data.get("founded_on")
        if founded and founded > timezone.localdate():
            raise forms.ValidationError(_("成立日期不能晚于今天。"))
        return founded


class DeactivateForm(forms.Form):
    on = forms.DateField(label=_("撤销日期"), widget=DateInput())
    reason = forms.CharField(label=_("撤销原因"), max_length=200)

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("撤销日期不能晚于今天。"))
        return on


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("登录名"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("登录名只能包含字母、数字和 @ . + - _。")},
    )
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("角色"))
    password1 = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(render_value=True), strip=False)
    password2 = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput(render_value=True), strip=False)

    def __init__(self, *args, kind_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, rules.RoleKind(k).label) for k in kind_choices]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("该登录名已被使用。"))
        return username

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return cleaned


class RoleGrantForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("组织"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("角色"), choices=rules.RoleKind.choices)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("验证码"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("身份验证器上显示的 6 位数字，或一个恢复码（每个恢复码只能用一次）。"),
    )
