"""The search index: its table, and each database's full-text index of it.

PostgreSQL: a GIN index on ``vector``. SQLite: the FTS5 table ``search_entry_fts`` over the
entries' title and body (Porter stemmer), and the triggers that keep it in step with every
insert, update and delete (FTS5's "external content" pattern).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(title, body, content='search_searchentry',"
    " content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO search_entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_entry_vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(help_text="The source's kind, e.g. 'measure'.", max_length=40)),
                ("key", models.CharField(help_text="The thing's key within its kind.", max_length=200)),
                ("title", models.CharField(max_length=400)),
                ("body", models.TextField(blank=True, default="")),
                ("summary", models.TextField(blank=True, default="", help_text="Shown under the result.")),
                ("url_name", models.CharField(max_length=100)),
                ("url_args", models.JSONField(blank=True, default=list)),
                ("anchor", models.CharField(blank=True, default="", max_length=200)),
                ("illustrative", models.BooleanField(default=False)),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="places.place",
                    ),
                ),
            ],
            options={
                "ordering": ["place", "kind", "key"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("place", "kind", "key"), name="search_entry_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
