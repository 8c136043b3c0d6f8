import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partywork.settings.production")
application = get_asgi_application()

# gunicorn and uvicorn run no system checks: refuse development or malformed keys here too.
from partywork.checks import refuse_weak_keys  # noqa: E402

refuse_weak_keys()
