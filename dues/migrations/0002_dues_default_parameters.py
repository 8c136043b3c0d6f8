"""The national defaults of the Dues Rules (中组发〔2008〕3号), as data an administrator can change: the
province sets the farmer amount (0.20–1.00 yuan, default 0.50)."""

from decimal import Decimal

from django.db import migrations

SALARIED = [("3000.00", "0.005"), ("5000.00", "0.01"), ("10000.00", "0.015"), (None, "0.02")]
RETIRED = [("5000.00", "0.005"), (None, "0.01")]


def ship_defaults(apps, schema_editor):
    Parameters = apps.get_model("dues", "DuesParameters")
    Bracket = apps.get_model("dues", "DuesBracket")
    params, created = Parameters.objects.get_or_create(
        year_from=2008,
        defaults={
            "farmer_amount": Decimal("0.50"),
            "minimal_amount": Decimal("0.20"),
            "note": "《关于中国共产党党费收缴、使用和管理的规定》中组发〔2008〕3号",
        },
    )
    if not created:
        return
    for scale, rows in (("salaried", SALARIED), ("retired", RETIRED)):
        for upper, rate in rows:
            Bracket.objects.create(
                parameters=params, scale=scale, upper=Decimal(upper) if upper else None, rate=Decimal(rate)
            )


class Migration(migrations.Migration):
    dependencies = [("dues", "0001_dues_ledger")]

    operations = [migrations.RunPython(ship_defaults, migrations.RunPython.noop)]
