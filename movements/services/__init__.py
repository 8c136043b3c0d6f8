"""Writes of the movements app: `transfers` (组织关系转接) and `mobile` (流动党员). Keyword-only, atomic,
audited; callers hold members.write where each docstring says."""
