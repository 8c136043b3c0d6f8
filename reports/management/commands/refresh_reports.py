from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from branches.models import Organization
from reports import periods
from reports.summaries import summaries_refresh_all, summary_refresh


class Command(BaseCommand):
    help = "Recompute the county dashboard's stored figures now (the same job Celery beat runs nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="organisation code (default: every organisation the nightly job keeps)")
        parser.add_argument("--period", help="2026-03, 2026Q1 or 2026 (with --org; default the current quarter)")

    def handle(self, *args, org=None, period=None, **options):
        today = timezone.localdate()
        if org is None:
            self.stdout.write(f"{summaries_refresh_all(today=today)} summaries computed")
            return
        found = Organization.objects.filter(code=org).first()
        if found is None:
            raise CommandError(f"no organisation with code {org}")
        summary = summary_refresh(org=found, period=periods.parse(period, today), today=today)
        self.stdout.write(f"{found.name} {summary.period}: computed at {summary.computed_at:%Y-%m-%d %H:%M}")
