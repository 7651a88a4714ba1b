"""The publish permission, and the "Editors" and "Publishers" groups of curators.

Editors may add, change, delete and view meetings and their parts, topics, people,
organisations and series; nothing about users, groups or permissions. Publishers
may do the same and also publish. Running the migration again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATED_MODELS = [
    "meeting",
    "series",
    "sourcedocument",
    "paragraph",
    "participation",
    "appearance",
    "discussionpoint",
    "topicmention",
    "topic",
    "topicalias",
    "person",
    "organization",
    "membership",
]
ACTIONS = ["add", "change", "delete", "view"]
EDITOR_PERMISSIONS = [f"{action}_{model}" for model in CURATED_MODELS for action in ACTIONS]
GROUPS = {
    "Editors": EDITOR_PERMISSIONS,
    "Publishers": [*EDITOR_PERMISSIONS, "publish_meeting"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="meetings", codename__in=codenames
        )
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Missing permissions for the {name} group.")
        group.permissions.set(permissions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_search_vectors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="meeting",
            options={
                "ordering": ["-start_date", "slug"],
                "permissions": [("publish_meeting", "Can publish meetings")],
            },
        ),
        migrations.RunPython(create_groups, delete_groups),
    ]
