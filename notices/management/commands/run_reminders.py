import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notices.reminders import job_names, reminders_job_run
from notices.schedule import job_label


class Command(BaseCommand):
    help = (
        "Run the reminder jobs now, as of today or --date (every job, or one with --job): each catches up on "
        "what ended since its last successful run and sends each person one digest. --dry-run lists what "
        "would be sent and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--job", choices=job_names(), help="one job (default: every job)")
        parser.add_argument("--date", help="run as of this day, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="list what would be sent; change nothing")

    def handle(self, *args, job=None, date=None, dry_run=False, **options):
        today = timezone.localdate()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: not a day (YYYY-MM-DD): {date}") from error
        total = 0
        for name in [job] if job else job_names():
            run = reminders_job_run(job=name, today=today, dry_run=dry_run)
            total += run.created
            if not run.ran:
                self.stdout.write(f"{name} ({job_label(name)}): already ran on {today}, nothing to do")
                continue
            verb = "would send" if dry_run else "sent"
            days = ", ".join(day.isoformat() for day in run.days)
            self.stdout.write(
                f"{name} ({job_label(name)}): {verb} {run.created} new item(s) in {run.digests} digest(s), as of {days}"
            )
            if dry_run and options["verbosity"] > 1:
                for reminder in run.reminders:
                    self.stdout.write(f"  {reminder.recipient}  {reminder.kind}  {reminder.title}")
        self.stdout.write(f"{total} new reminder(s)")
