"""Descriptions cite titled references instead of bare addresses: each address of
Topic.reference_urls and Membership.source_url becomes a reference titled by its host
name, for the curators to retitle."""

from urllib.parse import urlsplit

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def addresses_to_references(apps, schema_editor):
    for model_name, owner_field, field_name in [
        ("Topic", "topic", "reference_urls"),
        ("Membership", "membership", "source_url"),
    ]:
        owners = apps.get_model("meetings", model_name).objects.exclude(**{field_name: ""})
        reference = apps.get_model("meetings", f"{model_name}Reference")
        reference.objects.bulk_create(
            reference(
                **{owner_field: owner},
                title=urlsplit(url).hostname or url,
                url=url,
                position=position,
            )
            for owner in owners
            for position, url in enumerate(dict.fromkeys(getattr(owner, field_name).split()))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0009_appearance_title_optional"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalMembershipReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "membership",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.membership",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical membership reference",
                "verbose_name_plural": "historical membership references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganizationReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical organization reference",
                "verbose_name_plural": "historical organization references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPersonReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.person",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical person reference",
                "verbose_name_plural": "historical person references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSeriesReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "series",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.series",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical series reference",
                "verbose_name_plural": "historical series references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTopicReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical topic reference",
                "verbose_name_plural": "historical topic references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalVenueReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical venue reference",
                "verbose_name_plural": "historical venue references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MembershipReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "membership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="meetings.membership",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("membership", "url"),
                        name="membershipreference_unique",
                        violation_error_message="This address is already cited here.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OrganizationReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="meetings.organization",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organization", "url"),
                        name="organizationreference_unique",
                        violation_error_message="This address is already cited here.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PersonReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="meetings.person",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("person", "url"),
                        name="personreference_unique",
                        violation_error_message="This address is already cited here.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SeriesReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "series",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="meetings.series",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("series", "url"),
                        name="seriesreference_unique",
                        violation_error_message="This address is already cited here.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="TopicReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="meetings.topic",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("topic", "url"),
                        name="topicreference_unique",
                        violation_error_message="This address is already cited here.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="VenueReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(help_text="The page's own title.", max_length=300)),
                ("url", models.URLField(max_length=500, verbose_name="address")),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Who published it: the Ministry of Foreign Affairs.",
                        max_length=200,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="venue_references",
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("meeting", "url"),
                        name="meetingreference_unique",
                        violation_error_message="This address is already cited here.",
                    )
                ],
            },
        ),
        migrations.RunPython(addresses_to_references, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalmembership",
            name="source_url",
        ),
        migrations.RemoveField(
            model_name="historicaltopic",
            name="reference_urls",
        ),
        migrations.RemoveField(
            model_name="membership",
            name="source_url",
        ),
        migrations.RemoveField(
            model_name="topic",
            name="reference_urls",
        ),
    ]
