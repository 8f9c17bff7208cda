"""Assessment words and method as text (stored whole, never cut), and inequality labels that say
which end of the deprivation scale is higher (``vocabulary.INEQUALITY``, ADR 0017)."""

from django.db import migrations, models


def _inequality_labels(apps, schema_editor):
    """Relabel stored inequality results ("calculated") by the sign of their slope index, as a
    re-assessment would, so the pages find words and a colour for them before the next import."""
    Assessment = apps.get_model("measures", "Assessment")
    changed = []
    for row in Assessment.objects.filter(kind="inequality", label="calculated").only(
        "id", "numbers"
    ):
        sii = (row.numbers or {}).get("sii")
        if sii is None:
            row.label = "not_calculated"
        elif sii < 0:
            row.label = "higher_in_more_deprived"
        elif sii > 0:
            row.label = "higher_in_less_deprived"
        else:
            row.label = "no_gap"
        changed.append(row)
    Assessment.objects.bulk_update(changed, ["label"], batch_size=1000)


def _back(apps, schema_editor):
    Assessment = apps.get_model("measures", "Assessment")
    Assessment.objects.filter(
        kind="inequality",
        label__in=["higher_in_more_deprived", "higher_in_less_deprived", "no_gap"],
    ).update(label="calculated")


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_no_row_by_row_foreign_key_checks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assessment",
            name="text",
            field=models.TextField(help_text="The result in words, e.g. 'Better than England'."),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="method",
            field=models.TextField(),
        ),
        migrations.RunPython(_inequality_labels, _back),
    ]
