"""Editors and Moderators manage topics and video files (moderators may also delete them)."""
from django.db import migrations

PERMISSIONS = {
    "Editors": {"topic": ["add", "change"], "videofile": ["add", "change"]},
    "Moderators": {"topic": ["add", "change", "delete"], "videofile": ["add", "change", "delete"]},
}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, models in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            content_type, _ = ContentType.objects.get_or_create(app_label="content_models", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("content_models", "0006_guidance_digests_videos")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
