"""Writes of the dues ledger. Every function is atomic, validates with rules.py and refuses bad input with a
ValidationError in Chinese before anything is written. One module per subject; import them from here."""

from ..selectors import parent_of  # noqa: F401  (dues/demo.py reads it from here)
from .books import closed_until
from .collection import PaymentInput, dues_collect, dues_collect_batch, dues_reverse
from .remittance import dues_remit, on_hand
from .standards import StandardInput, relief_decide, relief_request, standard_change, standards_set

__all__ = [
    "PaymentInput",
    "StandardInput",
    "closed_until",
    "dues_collect",
    "dues_collect_batch",
    "dues_remit",
    "dues_reverse",
    "on_hand",
    "relief_decide",
    "relief_request",
    "standard_change",
    "standards_set",
]
