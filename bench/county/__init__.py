"""A county at the scale of DOMAIN §1 (by default 25 townships, 500 branches, about 25,000 members) with two
years of activity, reproducible from a seed, written with bulk inserts in minutes.

    county = build(townships=25, branches=500, members_per_branch=50, password="...", seed=7, today=...)

Each part shapes the people's timelines or writes one app's records, in the order the records depend on
each other; the rules each record must satisfy come from the apps' pure rule functions, and
`bench.county.checks` verifies the result (constraints, numbering, the ledger, the pipeline, the meetings).
The returned dict holds what the page runner needs (organisations, persona accounts) and what was built."""

import time

from django.db import transaction
from django.utils import timezone

from movements.services.mobile import system_user

from .bulk import Ids, builder_dates
from .dues import build_dues
from .meetings import build_meetings
from .movements import build_movements, write_movements
from .notices import build_notices
from .people import build_roll, write_members
from .plan import County
from .recruitment import build_recruitment, write_recruitment
from .tree import build_accounts, build_tree


def build(
    *,
    townships: int,
    branches: int,
    members_per_branch: int,
    password: str,
    seed: int = 7,
    today=None,
    now=None,
    log=None,
) -> dict:
    """Build the county in one transaction; `today` (default: the local date) ends the two years, `now`
    (default: the current time) caps every timestamp. `log(text)` hears of each part as it is done."""
    today = today or timezone.localdate()
    county = County(seed=seed, today=today, now=now or (timezone.now() if today == timezone.localdate() else None))
    county.ids = Ids()
    timings = {}

    def part(name, function, *args, **kwargs):
        begin = time.perf_counter()
        function(*args, **kwargs)
        timings[name] = round(time.perf_counter() - begin, 1)
        if log:
            log(f"  {name}: {timings[name]} s")

    with transaction.atomic(), builder_dates():
        part(
            "organisations",
            build_tree,
            county,
            townships=townships,
            branches=branches,
            members_per_branch=members_per_branch,
        )
        part("accounts", build_accounts, county, password=password)
        county.system_user = system_user()
        part("roll", build_roll, county)
        part("movements", build_movements, county)
        part("recruitment", build_recruitment, county)
        part("members", write_members, county)
        part("transfers and mobile members", write_movements, county)
        part("recruitment files", write_recruitment, county)
        part("meetings", build_meetings, county)
        part("dues", build_dues, county)
        county.ids.close()
        part("reminders", build_notices, county)
    branches_list = county.branches
    return {
        "county": county.org,
        "township": county.townships[0],
        "branch": branches_list[0].org,
        "accounts": county.accounts,
        "today": today,
        "counts": county.counts,
        "problems": county.problems,
        "timings": timings,
        "plan": county,
    }
