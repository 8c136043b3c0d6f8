from django import forms
from django.utils.translation import gettext_lazy as _

from .exports import ROLLUPS


class RollupForm(forms.Form):
    """Which roll-up workbook, and for which year (and month, for the monthly dues register)."""

    what = forms.ChoiceField(
        label=_("汇总表"),
        choices=[(key, label) for key, (label, _perm) in ROLLUPS.items()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    month = forms.IntegerField(
        label=_("月份（登记表）"),
        min_value=1,
        max_value=12,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("what") == "dues_register" and not data.get("month"):
            self.add_error("month", _("党费收缴登记表按月导出，请选择月份。"))
        return data
