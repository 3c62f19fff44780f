"""A "Partner managers" group: API keys, webhooks (and their log), harvest sources.

These screens are for the staff who look after partner sites, not for editors:
the admin menu shows them only to users with these model permissions.
"""

from django.db import migrations

GROUP = "Partner managers"
#: (app label, model, actions, verbose name used if the permission is new)
PERMISSIONS = [
    ("partners", "apikey", ("add", "change", "delete", "view"), "API key"),
    (
        "webhooks",
        "webhookendpoint",
        ("add", "change", "delete", "view"),
        "webhook endpoint",
    ),
    ("webhooks", "webhookdelivery", ("view",), "webhook delivery"),
    (
        "harvest",
        "externalsource",
        ("add", "change", "delete", "view"),
        "external source",
    ),
    ("harvest", "externalitem", ("view",), "external item"),
]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    group, _ = Group.objects.get_or_create(name=GROUP)
    # On a fresh database the permissions are created only after migrate, so
    # create the ones this group needs now (post_migrate then finds them).
    for app_label, model, actions, verbose_name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
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
        ("partners", "0001_initial"),
        ("webhooks", "0001_initial"),
        ("harvest", "0003_item_text_and_language"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
