"""The embedded default: SQLite, tasks run in-process, debug on. Used by `make run`."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)

# The demo (`make run`) logs in with the printed password only: whoever tries it needs no authenticator
# app. Anyone may still set one up (menu 两步验证), and is then asked for it. REQUIRE_SECOND_FACTOR=1 turns
# the production rule on here too. Production refuses the setting off (partywork/checks.py).
PARTYWORK_REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", False)
