import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partywork.settings.production")
application = get_wsgi_application()

# gunicorn and uvicorn run no system checks: refuse development or malformed keys here too.
from partywork.checks import refuse_weak_keys  # noqa: E402

refuse_weak_keys()
