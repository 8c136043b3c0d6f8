"""Roster filters (issue 3: branch, status, sex, age band, education, occupation, mobile, lifecycle)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from branches.models import Organization
from partywork.dates import add_years

from .models import Lifecycle, MemberStatus
from .rules import AGE_BANDS, ETHNICITY_CHOICES, Education, Occupation, Sex
from .selectors import member_search

ON_ROLL = "on_roll"
ALL = "all"
LIFECYCLE_CHOICES = [(ON_ROLL, _("在册及失联（默认）")), (ALL, _("全部")), *Lifecycle.choices]
AGE_BAND_CHOICES = [(str(index), label) for index, (_low, _high, label) in enumerate(AGE_BANDS)]


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名或拼音"), method="filter_q")
    branch = django_filters.ModelChoiceFilter(label=_("党支部"), queryset=Organization.objects.none())
    status = django_filters.ChoiceFilter(label=_("党员类别"), choices=MemberStatus.choices)
    sex = django_filters.ChoiceFilter(label=_("性别"), choices=Sex.choices)
    age = django_filters.ChoiceFilter(label=_("年龄段"), choices=AGE_BAND_CHOICES, method="filter_age")
    ethnicity = django_filters.ChoiceFilter(label=_("民族"), choices=ETHNICITY_CHOICES)
    education = django_filters.ChoiceFilter(label=_("学历"), choices=Education.choices)
    occupation = django_filters.ChoiceFilter(label=_("职业"), choices=Occupation.choices)
    is_mobile = django_filters.BooleanFilter(
        label=_("流动党员"), widget=forms.Select(choices=[("", "---------"), ("true", _("是")), ("false", _("否"))])
    )
    lifecycle = django_filters.ChoiceFilter(
        label=_("状态"), choices=LIFECYCLE_CHOICES, method="filter_lifecycle", empty_label=None
    )

    def __init__(self, data=None, *args, org=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("lifecycle"):
            data["lifecycle"] = ON_ROLL
        super().__init__(data, *args, **kwargs)
        self.filters["branch"].queryset = Organization.objects.subtree(org).branches().order_by("path")

    def filter_q(self, queryset, name, value):
        return member_search(queryset, value)

    def filter_age(self, queryset, name, value):
        low, high, _label = AGE_BANDS[int(value)]
        today = timezone.localdate()
        if low is not None:
            # age >= low  <=>  born on or before today minus `low` years
            queryset = queryset.filter(birth_date__lte=add_years(today, -low))
        if high is not None:
            # age <= high  <=>  born after today minus (high + 1) years
            queryset = queryset.filter(birth_date__gt=add_years(today, -(high + 1)))
        return queryset

    def filter_lifecycle(self, queryset, name, value):
        if value == ON_ROLL:
            return queryset.on_roll()
        if value == ALL:
            return queryset
        return queryset.filter(lifecycle=value)
