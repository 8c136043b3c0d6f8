from django.core.management.base import BaseCommand
from django.utils import timezone

from notices.reminders import reminders_run


class Command(BaseCommand):
    help = "Run every reminder check now (the same job Celery beat runs daily)."

    def handle(self, *args, **options):
        created = reminders_run(today=timezone.localdate())
        self.stdout.write(f"{created} new reminder(s)")
