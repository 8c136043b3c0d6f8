"""Every figure of every dashboard of the hand-built county (tests/reports/county.py) against numbers worked out
by hand, for the second quarter of 2026 seen on 17 June 2026; and the records behind every figure add up to it.

How the numbers come about (Q2 = 1 April – 30 June; "today" 17 June):

Members on the rolls on 17 June
    b1 甲村: 甲一…甲七 full, 甲新 probationary (joined 10 May)       8 (full 7, probationary 1)
    b2 乙村: 乙一, 乙二 (乙四 died 20 April, 乙三 moved to b4 15 May)   2
    b3 丙村: 丙一…丙三 (丙四 moved to b4 10 April, 丙五 left the county 5 May)  3
    b4 丁村: 丁一…丁三, 丙四, 乙三, 丁四 (from outside, 5 June), 丁发展 (probationary, vote 15 April)  7
    women: 甲二, 甲三, 甲新 | 丙一, 丁四; minorities: 甲四 (回族) | 丁一 (藏族)
    ages on 17 June: 甲新 24 (≤30); 甲一 35 (born 18 June 1990: 31–35); 甲二 36 (born 17 June 1990: 36–40);
    丁发展 31 (31–35); 丁四 76 (≥71); everyone else 56 (56–60).
Changes in the quarter
    admitted: 甲新 (b1), 丁发展 (b4); died: 乙四 (b2); removed: 甲八 (b1);
    transfers: 丙四 b3→b4 (inside t2), 乙三 b2→b4 (t1→t2), 丙五 b3→out of the county, 丁四 in from outside.
    So b3 has 2 out, b4 3 in; t1 1 out; t2 2 in (乙三, 丁四) and 1 out (丙五); the county 1 in, 1 out.
Organisational life (meetings whose period ends in Q2 and has begun): theme day Apr/May/Jun, the quarter's
general meeting and lecture; the committee (b1 only: 7 full members) Apr/May/Jun; group meetings Apr/May/Jun
for each group (g1 in b1, g3 in b3, g4 in b4).
    b1: theme 2/3 (May overdue), committee 2/3 (June due), group 1/3 (May overdue, June due), general 1/1,
        lecture 0/1 (due)                                  → 6/11, overdue 2, due 3
    b2: theme 0/3 (April, May overdue; June due), general 0/1, lecture 0/1 (due)  → 0/5, overdue 2, due 3
    b3: theme 3/3, group 3/3, general 1/1, lecture 1/1     → 8/8
    b4: theme 2/3 (two in May count once; June due), group 0/3 (April, May overdue), general 0/1, lecture 0/1
                                                           → 2/8, overdue 2, due 4
Dues (0.50 a month; owed and paid by the month the dues are for; Apr–Jun so far)
    b1: 甲一…甲六 and 甲八 (removed 1 June: June still owed) paid, 甲七 nothing: owed 8×1.50 = 12.00,
        collected 10.50; 甲新 has no standard (未核定); 甲七 unpaid January–May: 5 ended months (≥3)
    b2: 乙一 1.50 unpaid (owes since November 2025: 7 ended months, ≥6), 乙二 1.50 paid, 乙三 April–May 1.00
        paid, 乙四 April 0.50 paid: owed 4.50, collected 3.00
    b3: 丙一 1.50, 丙二 1.50 unpaid (2 months: no arrears), 丙三 1.50, 丙四 April 0.50, 丙五 April–May 1.00:
        owed 6.00, collected 4.50
    b4: 丁一, 丁二 (March unpaid, then paid again), 丁三 1.50 each, 丙四 May–June 1.00, 乙三 June 0.50: 6.00
        paid; 丁四 and 丁发展 have no standard
    on hand at 30 June: b1 21.00 (7×3.00), b2 7.50, b3 12.00 − 1.50 remitted = 10.50, b4 10.00,
    t2 the 1.50 it received on 15 April.
Recruitment: b1 an applicant and an activist whose assessment was due by 10 January (overdue); b3 an activist
confirmed in January; b4 a file approved on 15 May (probationary).
Mobile: 甲七 (b1) never reached since November: lost; 丙二 (b3) last reached 1 March: contact overdue.
Remote education: b1's site, 4 sessions of 60 min in April, 2 of 90 in May (below the 4 a month), 1 of 60 in
June; distinct viewers 3, 1, 2 against 7 members at home: 6/21 = 28.6 %.
Data quality: 甲五's ID disagrees; 丙三 in b3 and b4 (same name and birth date); missing fields: 甲六, 乙一,
乙二, and in b4 everyone but 丁一; b2 has 2 full members and no secretary since 28 February; g4 has 1 member."""

from decimal import Decimal

import pytest

from reports import periods
from reports.dashboard import compute_figures, dashboard
from reports.drill import drill_for
from reports.figures import Context
from reports.summaries import summary_refresh
from tests.clock import on_day

from .county import Q2, TODAY, build

# The county is built as of its own day, whatever day the suite runs on.
pytestmark = on_day(TODAY)


@pytest.fixture
def county(world, county_admin):
    return build(world, county_admin)


def figures_of(user, org, period=Q2):
    return compute_figures(user=user, org=org, period=period, today=TODAY)[1]


def totals(figures) -> dict:
    return {area: data["total"] for area, data in figures.items()}


def row(figures, org) -> dict:
    return {area: data["rows"][org.path] for area, data in figures.items()}


def pick(data: dict, *names) -> tuple:
    return tuple(data[name] for name in names)


MEMBERS = ("total", "full", "probationary", "women", "minorities")
CHANGES = ("admitted", "transferred_in", "transferred_out", "died", "removed")
MEETINGS = ("required", "held", "overdue", "due")
DUES = (
    "owed",
    "collected",
    "members_owing",
    "unassessed",
    "arrears_warning",
    "arrears_escalation",
    "received",
    "on_hand",
)
RECRUITMENT = ("applicants", "activists", "candidates", "probationary", "overdue", "activists_year", "admitted_year")
MOBILE = ("away", "contact_overdue", "lost")
REMOTE = ("sites", "sessions", "hours", "viewers", "at_home", "rate", "below")
QUALITY = ("id_mismatches", "duplicates", "missing", "small_branch", "small_groups", "vacancy", "problems")
M = Decimal

# Per organisation, as its own dashboard's total and as a row of the dashboard above it.
EXPECTED = {
    "b1": {
        "members": (8, 7, 1, 3, 1),
        "changes": (1, 0, 0, 0, 1),
        "age": [1, 1, 1, 0, 0, 0, 5, 0, 0, 0],
        "meetings": (11, 6, 2, 3),
        "dues": (M("12.00"), M("10.50"), 8, 1, 1, 0, M("0.00"), M("21.00")),
        "recruitment": (1, 1, 0, 0, 1, 0, 0),
        "mobile": (1, 0, 1),
        "remote": (1, 7, 8.0, 6, 21, 28.6, 1),
        "quality": (1, 0, 1, 0, 0, 0, 2),
    },
    "b2": {
        "members": (2, 2, 0, 0, 0),
        "changes": (0, 0, 1, 1, 0),
        "age": [0, 0, 0, 0, 0, 0, 2, 0, 0, 0],
        "meetings": (5, 0, 2, 3),
        "dues": (M("4.50"), M("3.00"), 4, 0, 1, 1, M("0.00"), M("7.50")),
        "recruitment": (0, 0, 0, 0, 0, 0, 0),
        "mobile": (0, 0, 0),
        "remote": (0, 0, 0.0, 0, 0, None, 0),
        "quality": (0, 0, 2, 1, 0, 1, 4),
    },
    "b3": {
        "members": (3, 3, 0, 1, 0),
        "changes": (0, 0, 2, 0, 0),
        "age": [0, 0, 0, 0, 0, 0, 3, 0, 0, 0],
        "meetings": (8, 8, 0, 0),
        "dues": (M("6.00"), M("4.50"), 5, 0, 0, 0, M("0.00"), M("10.50")),
        "recruitment": (0, 1, 0, 0, 0, 1, 0),
        "mobile": (1, 1, 0),
        "remote": (0, 0, 0.0, 0, 0, None, 0),
        "quality": (0, 1, 0, 0, 0, 0, 1),
    },
    "b4": {
        "members": (7, 6, 1, 1, 1),
        "changes": (1, 3, 0, 0, 0),
        "age": [0, 1, 0, 0, 0, 0, 5, 0, 0, 1],
        "meetings": (8, 2, 2, 4),
        "dues": (M("6.00"), M("6.00"), 5, 2, 0, 0, M("0.00"), M("10.00")),
        "recruitment": (0, 0, 0, 1, 0, 0, 1),
        "mobile": (0, 0, 0),
        "remote": (0, 0, 0.0, 0, 0, None, 0),
        "quality": (0, 1, 6, 0, 1, 0, 8),
    },
    "t1": {
        "members": (10, 9, 1, 3, 1),
        "changes": (1, 0, 1, 1, 1),
        "age": [1, 1, 1, 0, 0, 0, 7, 0, 0, 0],
        "meetings": (16, 6, 4, 6),
        "dues": (M("16.50"), M("13.50"), 12, 1, 2, 1, M("0.00"), M("28.50")),
        "recruitment": (1, 1, 0, 0, 1, 0, 0),
        "mobile": (1, 0, 1),
        "remote": (1, 7, 8.0, 6, 21, 28.6, 1),
        "quality": (1, 0, 3, 1, 0, 1, 6),
    },
    "t2": {
        "members": (10, 9, 1, 2, 1),
        "changes": (1, 2, 1, 0, 0),
        "age": [0, 1, 0, 0, 0, 0, 8, 0, 0, 1],
        "meetings": (16, 10, 2, 4),
        "dues": (M("12.00"), M("10.50"), 10, 2, 0, 0, M("1.50"), M("22.00")),
        "recruitment": (0, 1, 0, 1, 0, 1, 1),
        "mobile": (1, 1, 0),
        "remote": (0, 0, 0.0, 0, 0, None, 0),
        "quality": (0, 2, 6, 0, 1, 0, 9),
    },
    "county": {
        "members": (20, 18, 2, 5, 2),
        "changes": (2, 1, 1, 1, 1),
        "age": [1, 2, 1, 0, 0, 0, 15, 0, 0, 1],
        "meetings": (32, 16, 6, 10),
        "dues": (M("28.50"), M("24.00"), 22, 3, 2, 1, M("0.00"), M("50.50")),
        "recruitment": (1, 2, 0, 1, 1, 1, 1),
        "mobile": (2, 1, 1),
        "remote": (1, 7, 8.0, 6, 21, 28.6, 1),
        "quality": (1, 2, 9, 1, 1, 1, 15),
    },
}


def observed(data: dict) -> dict:
    return {
        "members": pick(data["members"], *MEMBERS),
        "changes": pick(data["members"]["changes"], *CHANGES),
        "age": data["members"]["age"],
        "meetings": pick(data["meetings"], *MEETINGS),
        "dues": pick(data["dues"], *DUES),
        "recruitment": pick(data["recruitment"], *RECRUITMENT),
        "mobile": pick(data["mobile"], *MOBILE),
        "remote": pick(data["remote"], *REMOTE),
        "quality": pick(data["quality"], *QUALITY),
    }


ORGS = ["county", "t1", "t2", "b1", "b2", "b3", "b4"]


def test_each_dashboard_total_is_the_hand_count(county, county_admin):
    for name in ORGS:
        assert observed(totals(figures_of(county_admin, getattr(county, name)))) == EXPECTED[name], name


def test_rows_of_the_county_and_township_dashboards_are_the_hand_counts(county, county_admin):
    figures = figures_of(county_admin, county.county)
    for name in ("t1", "t2"):
        found = observed(row(figures, getattr(county, name)))
        # As a row of the county, a township's transfers are those that crossed its own edge, and the
        # remittances it received are its own: the same as its own dashboard.
        assert found == EXPECTED[name], name
    for township, branches in (("t1", ("b1", "b2")), ("t2", ("b3", "b4"))):
        figures = figures_of(county_admin, getattr(county, township))
        for name in branches:
            assert observed(row(figures, getattr(county, name))) == EXPECTED[name], name


def test_compliance_by_kind_and_the_red_cells_reasons(county, county_admin):
    figures = figures_of(county_admin, county.t1)["meetings"]
    b1, b2 = figures["rows"][county.b1.path], figures["rows"][county.b2.path]
    assert {k: pick(v, *MEETINGS) for k, v in b1["kinds"].items() if v["required"]} == {
        "theme_day": (3, 2, 1, 0),
        "committee": (3, 2, 0, 1),
        "group": (3, 1, 1, 1),
        "general": (1, 1, 0, 0),
        "lecture": (1, 0, 0, 1),
    }
    assert pick(b2["kinds"]["theme_day"], *MEETINGS) == (3, 0, 2, 1)
    # The engine's words for the red cells: b2's April and May theme days.
    assert b2["reasons"] == ["4月未召开主题党日", "5月未召开主题党日"]
    red = drill_for("meetings.overdue").build(Context(user=county_admin, period=Q2, today=TODAY), county.b2)
    assert [r[6] for r in red.rows] == ["4月未召开主题党日", "5月未召开主题党日"]


def test_targets_of_the_township_and_its_branches(county, county_admin):
    from recruitment.services import target_set

    target_set(by=county_admin, organization=county.t2, year=2026, new_members=3, new_activists=6)
    target_set(by=county_admin, organization=county.b4, year=2026, new_members=2, new_activists=3)
    target_set(by=county_admin, organization=county.t1, year=2026, new_members=2, new_activists=4)
    township = figures_of(county_admin, county.t2)["recruitment"]
    assert pick(township["total"], "admitted_year", "target_members", "activists_year", "target_activists") == (
        1,
        3,
        1,
        6,
    )
    assert pick(township["rows"][county.b4.path], "admitted_year", "target_members", "target_activists") == (1, 2, 3)
    assert township["rows"][county.b3.path]["target_members"] is None
    whole = figures_of(county_admin, county.county)["recruitment"]["total"]
    assert pick(whole, "target_members", "target_activists") == (5, 10)


def test_a_month_and_a_year(county, county_admin):
    """May: only the May meetings (all ended), and the year 2026 so far."""
    may = figures_of(county_admin, county.b1, periods.parse("2026-05", TODAY))
    # theme day overdue, committee held (with the general meeting), group overdue
    assert pick(may["meetings"]["total"], *MEETINGS) == (3, 1, 2, 0)
    assert pick(may["members"]["total"]["changes"], *CHANGES) == (1, 0, 0, 0, 0)
    assert pick(may["dues"]["total"], "owed", "collected") == (M("4.00"), M("3.50"))
    year = figures_of(county_admin, county.county, periods.parse("2026", TODAY))
    # Remote education all year so far: no sessions from January to March (three months below the minimum,
    # 7 members at home each month), then the quarter.
    assert pick(year["remote"]["total"], *REMOTE) == (1, 7, 8.0, 6, 7 * 6, round(6 * 100 / 42, 1), 4)
    # April: 8 members of b1, 4 of b2, 5 of b3 (丙四's April too), 3 of b4 owe 0.50 each.
    assert pick(year["dues"]["trend"][3], "owed", "collected") == (M("10.00"), M("8.50"))
    assert year["meetings"]["trend"][4]["required"] > 0


def _cells(board):
    for section in [*board.sections, *board.profile]:
        for line in [*section.rows, section.total]:
            for cell in line.cells:
                yield line.org, cell


def test_the_records_behind_every_figure_add_up_to_it(county, county_admin):
    for name in ORGS:
        _records_add_up(county, county_admin, name)


def _records_add_up(county, county_admin, name):
    org = getattr(county, name)
    if name == "county":
        summary_refresh(org=org, period=Q2, today=TODAY, by=county_admin)
    board = dashboard(user=county_admin, org=org, period=Q2, today=TODAY)
    assert board.missing is False
    ctx = Context(user=county_admin, period=Q2, today=TODAY)
    checked = 0
    for row_org, cell in _cells(board):
        drill = drill_for(cell.key)
        if drill is None:
            continue
        table = drill.build(ctx, row_org)
        if cell.key.startswith("meetings."):
            required = sum(r[3] for r in table.rows)
            held = sum(r[4] for r in table.rows)
            assert cell.value == (round(held * 100 / required, 1) if required else None), (row_org, cell.key)
        elif table.amount_column is not None:
            assert sum((r[table.amount_column] for r in table.rows), 0) == cell.value, (row_org, cell.key)
        else:
            assert len(table.rows) == cell.value, (row_org, cell.key)
        checked += 1
    assert checked > 60
    # The red cells: their records are the overdue results, as many as the figure says.
    overdue = figures_of(county_admin, org)["meetings"]["total"]["overdue"]
    assert len(drill_for("meetings.overdue").build(ctx, org).rows) == overdue


def test_the_county_summary_holds_the_live_figures(county, county_admin):
    summary = summary_refresh(org=county.county, period=Q2, today=TODAY, by=county_admin)
    board = dashboard(user=county_admin, org=county.county, period=Q2, today=TODAY)
    assert board.summary == summary
    assert observed(totals(board.figures)) == EXPECTED["county"]
    assert board.figures["dues"]["total"]["on_hand"] == M("50.50")
    # Running it again replaces the row.
    summary_refresh(org=county.county, period=Q2, today=TODAY, by=county_admin)
    assert county.county.report_summaries.count() == 1
