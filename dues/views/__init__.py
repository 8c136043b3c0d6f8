"""The dues pages, one module per subject: `overview` (the dues home, an organisation's dues page, arrears),
`standards` (党费基数核定, income changes, reliefs), `collection` (collecting, the ledger, reversals),
`remittance` (上缴, reconciliation) and `cards` (the member's dues card and the .xlsx registers).
Their mixins are in dues/mixins.py."""
