"""Scope-sweep builders for the reports URLs: a figure's key names no object (the organisation does)."""

REGISTRY = {
    "figure": (lambda p: "members.total", lambda p: "members.total"),
}
