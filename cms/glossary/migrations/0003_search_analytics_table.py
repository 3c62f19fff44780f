"""The search analytics table every GraphQL host adds to (HUB_SEARCH_ANALYTICS_URL).

Made here so that the service's database role needs no ``CREATE``; the SQL is
that of ``search.analytics``, which makes the table itself in any other
database. PostgreSQL only: on SQLite the counts live in a file of their own.
"""

from django.db import migrations

SQL = """
CREATE TABLE IF NOT EXISTS hub_search_query_stats (
    day DATE NOT NULL,
    locale TEXT NOT NULL,
    query TEXT NOT NULL,
    searches BIGINT NOT NULL DEFAULT 0,
    zero_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, locale, query)
)
"""


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)


class Migration(migrations.Migration):
    dependencies = [("glossary", "0002_glossary_suggestion")]

    # Reversing keeps the table and its counts.
    operations = [migrations.RunPython(create_table, migrations.RunPython.noop)]
