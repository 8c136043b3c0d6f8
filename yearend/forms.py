from django import forms
from django.utils.translation import gettext_lazy as _


class YearendForm(forms.Form):
    """Which year-end file, for which year."""

    what = forms.ChoiceField(
        choices=[("workbook", _("党内统计年报（Excel）")), ("summary", _("年度党建工作总结初稿（Word）"))],
        error_messages={"invalid_choice": _("没有这种年终材料。")},
    )
    year = forms.IntegerField(
        label=_("年度"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("请填写年度。"),
            "invalid": _("年度须是四位数字。"),
            "min_value": _("年度无效。"),
            "max_value": _("年度无效。"),
        },
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
