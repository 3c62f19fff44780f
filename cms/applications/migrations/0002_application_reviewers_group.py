"""An "Application reviewers" group that may read, export and delete applications."""

from django.db import migrations

GROUP = "Application reviewers"
ACTIONS = {"view": "Can view application", "delete": "Can delete application"}


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="applications", model="application"
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    for action, name in ACTIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_application",
            defaults={"name": name},
        )
        group.permissions.add(permission)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        group.permissions.add(admin_access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
