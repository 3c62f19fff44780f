"""The committed SDL, descriptions everywhere, and no Django in the service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from graphql_service.__main__ import SCHEMA_FILE, export_schema
from graphql_service.schema import get_schema

REPO = Path(__file__).resolve().parents[2]
BUILT_IN = {"String", "Int", "Float", "Boolean", "ID"}


def test_committed_schema_matches_the_code() -> None:
    committed = SCHEMA_FILE.read_text("utf-8")

    assert committed == get_schema().as_str() + "\n", (
        "graphql_service/schema.graphql is out of date: run "
        "`python -m graphql_service export-schema`"
    )


def test_export_schema_check_reports_drift(tmp_path: Path) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: String }\n", "utf-8")

    assert export_schema(stale, check=True) == 1
    assert export_schema(stale, check=False) == 0
    assert export_schema(stale, check=True) == 0


def test_every_type_field_argument_and_value_has_a_description() -> None:
    schema = get_schema()._schema
    missing = []
    for name, type_ in schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN:
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in field.args.items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(type_, GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
        if isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                if not value.description:
                    missing.append(f"{name}.{value_name}")

    assert missing == []


def test_every_content_type_implements_content_and_node() -> None:
    schema = get_schema()._schema
    content = schema.type_map["Content"]

    implementations = schema.get_implementations(content).objects  # type: ignore[arg-type]

    assert sorted(t.name for t in implementations) == [
        "CallForApplications",
        "CountryComparison",
        "Event",
        "ExpertGroup",
        "ExpertProfile",
        "ExternalItem",
        "FundingCall",
        "HomePage",
        "LearningExample",
        "Network",
        "NewsArticle",
        "OtherContent",
        "Publication",
        "SectionIndex",
        "StandardPage",
        "Statistics",
    ]
    assert all("Node" in [i.name for i in t.interfaces] for t in implementations)


def test_the_service_never_imports_django_or_the_cms() -> None:
    code = (
        "import sys\n"
        "import graphql_service.app, graphql_service.__main__\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('django', 'wagtail', 'cms', 'indexing', 'core'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == ""


def test_usage_module_needs_only_the_standard_library() -> None:
    code = (
        "import sys\n"
        "import graphql_service.usage\n"
        "print(','.join(m for m in ('strawberry', 'starlette', 'search', 'orjson') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == ""
