"""One answer per questionnaire and day (a resend replaces it): older duplicates keep their
latest answer before the constraint is added."""

from django.conf import settings
from django.db import migrations, models


def keep_the_latest(apps, schema_editor):  # type: ignore[no-untyped-def]
    Response = apps.get_model("training", "QuestionnaireResponse")
    seen = set()
    for row in Response.objects.order_by("-id").only(
        "id", "user_id", "questionnaire_id", "answered_on"
    ):
        key = (row.user_id, row.questionnaire_id, row.answered_on)
        if key in seen:
            row.delete()
        else:
            seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0007_set_loads_profile_questionnaires"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(keep_the_latest, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="questionnaireresponse",
            name="training_qu_user_id_52d9b8_idx",
        ),
        migrations.AddConstraint(
            model_name="questionnaireresponse",
            constraint=models.UniqueConstraint(
                fields=("user", "questionnaire_id", "answered_on"),
                name="one_response_per_questionnaire_and_day",
            ),
        ),
    ]
