"""The meeting pages, one module per subject: `records` (meetings of an organisation, logging one with its
attendance and resolutions, the record, attachments, the yearly ledger), `appraisal` (democratic appraisal
grades), `compliance` (minimum frequencies met or not) and `remote` (remote-education sites and sessions).
Their mixin is in meetings/mixins.py."""
