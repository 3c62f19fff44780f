"""The API usage table every GraphQL host adds to (``HUB_USAGE_URL``).

Made here so that the service's database role needs no ``CREATE``; the SQL is
that of ``graphql_service.usage``, which makes the table itself in any other
database. PostgreSQL only: on SQLite the usage counts live in a file of their own.
"""

from django.db import migrations

SQL = """
CREATE TABLE IF NOT EXISTS hub_api_usage (
    key_id TEXT NOT NULL,
    day DATE NOT NULL,
    requests BIGINT NOT NULL DEFAULT 0,
    rate_limited BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, day)
)
"""


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_partner_managers_group")]

    # Reversing keeps the table and its counts.
    operations = [migrations.RunPython(create_table, migrations.RunPython.noop)]
