"""factory_boy factories shared by every app's tests."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from branches.models import Organization, Role
from branches.rules import OrgCategory, OrgKind, RoleKind
from partywork.dates import add_years

PASSWORD = "Correct-Horse-Battery-42"


class OrganizationFactory(factory.django.DjangoModelFactory):
    """Pass `parent=` to place the node in the tree; without it the node is a new root (a county)."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试组织{n}")
    code = factory.Sequence(lambda n: f"T{n:06d}")
    kind = OrgKind.BRANCH
    category = OrgCategory.VILLAGE

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        return model_class.objects.add_child(model_class.objects.get(pk=parent.pk), kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    kind = RoleKind.BRANCH_SECRETARY


def county_tree():
    """A small county: two townships, three branches, a party group."""
    county = OrganizationFactory(name="测试县委", code="C", kind=OrgKind.COUNTY, category=OrgCategory.OTHER)
    t1 = OrganizationFactory(parent=county, name="一号乡党委", code="C01", kind=OrgKind.TOWNSHIP)
    t2 = OrganizationFactory(parent=county, name="二号镇党委", code="C02", kind=OrgKind.TOWNSHIP)
    b1 = OrganizationFactory(parent=t1, name="甲村党支部", code="C0101")
    b2 = OrganizationFactory(parent=t1, name="乙村党支部", code="C0102")
    b3 = OrganizationFactory(parent=t2, name="丙村党支部", code="C0201")
    g1 = OrganizationFactory(parent=b1, name="甲村第一党小组", code="C010101", kind=OrgKind.GROUP)
    g3 = OrganizationFactory(parent=b3, name="丙村第一党小组", code="C020101", kind=OrgKind.GROUP)
    return {"county": county, "t1": t1, "t2": t2, "b1": b1, "b2": b2, "b3": b3, "g1": g1, "g3": g3}


def id_number_for(birth_date, sex, sequence):
    from members.rules import make_id_number

    return make_id_number(region="620102", birth_date=birth_date, sequence=sequence, sex=sex)


class MemberFactory(factory.django.DjangoModelFactory):
    """A valid member: ID number agrees with birth date and sex, encrypted like the services do.
    Pass `branch=`; `id_number=` and `phone=` are plain values."""

    class Meta:
        model = "members.Member"

    name = factory.Sequence(lambda n: f"党员{n}")
    sex = "M"
    birth_date = factory.Sequence(lambda n: datetime.date(1960 + n % 40, 1 + n % 12, 1 + n % 28))
    education = "high_school"
    occupation = "farmer"
    status = "full"
    # Joined at 25, but at least a year before the test's day, whichever day the suite runs on.
    joined_on = factory.LazyAttribute(
        lambda o: min(add_years(o.birth_date, 25), add_years(timezone.localdate(), -1) - datetime.timedelta(days=1))
    )
    confirmed_on = factory.LazyAttribute(lambda o: add_years(o.joined_on, 1) if o.status == "full" else None)
    id_number = factory.LazyAttributeSequence(lambda o, n: id_number_for(o.birth_date, o.sex, n))
    phone = factory.Sequence(lambda n: f"139{n:08d}")

    @classmethod
    def _create(cls, model_class, *args, id_number, phone, name, **kwargs):
        member = model_class(**kwargs)
        member.set_name(name)
        member.set_id_number(id_number)
        member.set_phone(phone)
        member.save()
        from members.models import Membership

        Membership.objects.create(member=member, organization=member.branch, started_on=member.joined_on)
        return member
