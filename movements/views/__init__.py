"""Views of the movements app: transfers (组织关系转接) and mobile members (流动党员)."""
