import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from partywork.dates import add_months

from .models import DuesRelief
from .rules import Category

MONEY_ATTRS = {"inputmode": "decimal", "step": "0.01", "min": "0.01"}


class MonthField(forms.DateField):
    """A month typed as YYYY-MM (the browser's month picker); the value is the 1st of the month."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("请按“年-月”填写月份，例如 2026-03")}

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


def money_field(label, *, required=True, min_value=Decimal("0.01")):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=min_value,
        widget=forms.NumberInput(attrs=MONEY_ATTRS),
        error_messages={
            "min_value": _("金额必须大于零"),
            "max_decimal_places": _("金额最多保留两位小数（到分）"),
            "invalid": _("请输入金额，例如 15.00"),
        },
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StandardYearForm(forms.Form):
    """One row per member: category and declared base. Fields are named category_<member pk>, base_<pk>."""

    def __init__(self, *args, members, initial_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            category, base = initial_rows.get(member.pk, ("", None))
            self.fields[f"category_{member.pk}"] = forms.ChoiceField(
                label=_("%(name)s 的党员类别") % {"name": member.name},
                choices=[("", "——"), *Category.choices],
                initial=category,
                required=False,
            )
            self.fields[f"base_{member.pk}"] = money_field(
                _("%(name)s 的缴费基数") % {"name": member.name}, required=False, min_value=Decimal("0")
            )
            self.fields[f"base_{member.pk}"].initial = base
            self.fields[f"base_{member.pk}"].error_messages["min_value"] = _("缴费基数不能为负数")

    def rows(self):
        """[(member, bound category field, bound base field)] for the template."""
        return [(m, self[f"category_{m.pk}"], self[f"base_{m.pk}"]) for m in self.members]

    def cleaned_rows(self):
        return [
            (m, self.cleaned_data[f"category_{m.pk}"], self.cleaned_data[f"base_{m.pk}"])
            for m in self.members
            if self.cleaned_data.get(f"category_{m.pk}")
        ]


class StandardChangeForm(forms.Form):
    month = MonthField(label=_("自哪个月起"))
    category = forms.ChoiceField(label=_("党员类别"), choices=Category.choices)
    base = money_field(_("缴费基数（月收入）"), required=False, min_value=Decimal("0"))
    reason = forms.CharField(label=_("变更原因"), max_length=200)


class ReliefForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=DuesRelief.Kind.choices)
    first_month = MonthField(label=_("起始月份"))
    last_month = MonthField(label=_("截止月份"))
    amount = money_field(_("减缴后月缴金额（免缴不填）"), required=False)
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("支部决定日期"), widget=DateInput())


class ReliefDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审批结果"), choices=[("approve", _("批准")), ("reject", _("不批准"))], widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("审批意见"), max_length=300, required=False)


class BatchForm(forms.Form):
    """The month's batch: paid_on, then per payable member a tick `paid_<pk>` and an amount `amount_<pk>`."""

    paid_on = forms.DateField(label=_("收缴日期"), widget=DateInput())

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_in = rows
        for row in rows:
            if not row.can_pay:
                continue
            pk = row.member.pk
            self.fields[f"paid_{pk}"] = forms.BooleanField(label=_("已缴"), required=False)
            self.fields[f"amount_{pk}"] = money_field(
                _("%(name)s 实缴金额") % {"name": row.member.name}, required=False
            )
            self.fields[f"amount_{pk}"].initial = row.obligation.amount

    def rows(self):
        """[(row, tick field or None, amount field or None)] for the template."""
        return [
            (row, self[f"paid_{row.member.pk}"], self[f"amount_{row.member.pk}"]) if row.can_pay else (row, None, None)
            for row in self.rows_in
        ]

    def clean(self):
        data = super().clean()
        for row in self.rows_in:
            pk = row.member.pk
            ticked = row.can_pay and data.get(f"paid_{pk}")
            if ticked and data.get(f"amount_{pk}") is None and f"amount_{pk}" not in self.errors:
                self.add_error(f"amount_{pk}", _("已勾选缴纳，请填写金额"))
        return data

    def payments(self):
        return [
            (row.member, self.cleaned_data[f"amount_{row.member.pk}"])
            for row in self.rows_in
            if row.can_pay and self.cleaned_data.get(f"paid_{row.member.pk}")
        ]


class CollectForm(forms.Form):
    first_month = MonthField(label=_("起始月份"))
    count = forms.IntegerField(
        label=_("缴纳月数"),
        min_value=0,
        help_text=_("只交自愿多交的党费时填 0"),
        max_value=13,
        initial=1,
        error_messages={"max_value": _("一次最多补缴或预缴 6 个月（含当月共 13 个月）")},
    )
    paid_on = forms.DateField(label=_("收缴日期"), widget=DateInput())
    amount_per_month = money_field(_("每月金额（留空按核定标准）"), required=False)
    extra = money_field(_("自愿多交党费（应缴党费之外）"), required=False)
    late_reason = forms.CharField(
        label=_("超期补缴原因"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("补缴 6 个月以前的党费时必填：写明支部认定的正当理由，例如外出务工期间无法联系"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extra"].help_text = _(
            "党员一次自愿多交 1000 元以上的，全部上缴中央（党费规定第十一条）；按月补缴、预缴的党费不算"
        )


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("冲正原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class RemitForm(forms.Form):
    first_month = MonthField(label=_("起始月份"))
    last_month = MonthField(label=_("截止月份"))
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class PeriodForm(forms.Form):
    first = MonthField(label=_("起始月份"), required=False)
    last = MonthField(label=_("截止月份"), required=False)


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_from(request, today: datetime.date) -> tuple[datetime.date, datetime.date, PeriodForm]:
    """The period of ?first=YYYY-MM&last=YYYY-MM (the quarter of `today` by default), with the form that
    changes it."""
    form = PeriodForm(request.GET or None)
    first, last = quarter_start(today), add_months(quarter_start(today), 2)
    if form.is_bound and form.is_valid():
        first = form.cleaned_data["first"] or first
        last = form.cleaned_data["last"] or last
    if last < first:
        last = first
    if not form.is_bound:
        form = PeriodForm(initial={"first": first, "last": last})
    return first, last, form
