"""The plug-in registries: each app declares its contributions in its AppConfig, the project finds them there."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from partywork.plugins import DemoSeeder, DemoSeeders, NavEntry, Navigation, demo_seeders, navigation, reminder_checks


def _seed(context):
    context.setdefault("ran", [])


def test_demo_seeders_run_after_what_they_build_on():
    order = [seeder.key for seeder in demo_seeders.entries()]
    assert order == ["members", "movements", "meetings", "dues", "recruitment", "learning", "standing", "reports"]
    for position, seeder in enumerate(demo_seeders.entries()):
        assert set(seeder.after) <= set(order[:position]), seeder.key


def test_demo_order_follows_dependencies_not_registration():
    seeders = DemoSeeders()
    seeders.register(DemoSeeder("dues", _seed, after=("members", "movements")))
    seeders.register(DemoSeeder("movements", _seed, after=("members",)))
    seeders.register(DemoSeeder("members", _seed))
    seeders.register(DemoSeeder("notes", _seed))
    seeders.register(DemoSeeder("meetings", _seed, after=("members", "not_installed")))
    assert [s.key for s in seeders.entries()] == ["members", "movements", "dues", "notes", "meetings"]


def test_demo_seeders_waiting_for_each_other_are_refused():
    seeders = DemoSeeders()
    seeders.register(DemoSeeder("a", _seed, after=("b",)))
    seeders.register(DemoSeeder("b", _seed, after=("a",)))
    seeders.register(DemoSeeder("c", _seed))
    with pytest.raises(ImproperlyConfigured, match="a, b"):
        seeders.entries()


def test_registering_a_key_again_replaces_it():
    seeders = DemoSeeders()
    seeders.register(DemoSeeder("members", _seed))
    seeders.register(DemoSeeder("members", _seed, after=("branches",)))
    assert [s.after for s in seeders.entries()] == [("branches",)]


def test_reminder_checks_run_in_their_declared_order():
    """The account check first, then movements (it marks lost-contact members before others read the roll)."""
    assert [c.key for c in reminder_checks.entries()] == [
        "notices",
        "movements",
        "meetings",
        "dues",
        "learning",
        "recruitment",
        "standing",
    ]


def test_navigation_children_are_drawn_inside_their_parent():
    nav = Navigation()
    nav.register(NavEntry("b", "b.html", order=20))
    nav.register(NavEntry("b2", "b2.html", order=5, parent="b"))
    nav.register(NavEntry("a", "a.html", order=10))
    nav.register(NavEntry("b1", "b1.html", order=1, parent="b"))
    assert nav.tree() == [
        {"key": "a", "template": "a.html", "children": []},
        {
            "key": "b",
            "template": "b.html",
            "children": [{"key": "b1", "template": "b1.html"}, {"key": "b2", "template": "b2.html"}],
        },
    ]


def test_every_app_menu_entry_in_order(world, county_admin, client_for):
    assert [entry["key"] for entry in navigation.tree()] == [
        "organizations",
        "members",
        "meetings",
        "dues",
        "learning",
        "recruitment",
        "standing",
        "reports",
        "accounts",
    ]
    html = client_for(county_admin).get("/").content.decode()
    labels = ["工作台", "组织架构", "党员管理", "党员花名册", "组织关系转接", "流动党员"]
    labels += ["组织生活", "党费", "学习培训", "发展党员", "支部建设", "账号管理"]
    positions = [html.index(f">{label}<") for label in labels]
    assert positions == sorted(positions)
    assert '<a class="dropdown-item" href="/members/transfers/">组织关系转接</a>' in html
