"""The environment variables the code reads, found in its source.

``python scripts/env_vars.py`` lists them with the components that read them and
where. The deploy tests (``tests/deploy``) use :func:`scan` to check that every
variable is documented in the README's Configuration table and set, or left at
its default on purpose, in ``deploy/compose.yaml`` and the Kubernetes config.

What counts as a read (``NAME`` a string literal in capitals):

* ``os.environ.get(NAME)``, ``os.environ[NAME]``, ``os.getenv(NAME)``,
  ``os.environ.setdefault(NAME, ...)``, ``NAME in os.environ``;
* the same on a mapping called ``env``, ``environ`` or ``environment`` (the
  functions that take the environment as an argument, for their tests);
* ``config(NAME, ...)``: starlette's ``Config``, as the GraphQL settings read it;
* ``dj_database_url.config()``: ``DATABASE_URL`` (or its ``env=`` argument);
* the name in a module-level constant (``MULTIPROC_ENV: Final = "..."``)
  instead of a literal, in any of the reads above;
* a call of a function that passes one of its parameters to one of the reads
  above, with a literal in that parameter's place (``_optional_int(options,
  "SHARDS", "SEARCH_NUMBER_OF_SHARDS")``).

A variable the code builds at run time (``os.environ[prefix + name]``) is not
found: keep names literal.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

REPO: Final = Path(__file__).resolve().parents[1]
#: Source folders and the component each one's variables belong to. The
#: ``search`` package runs inside both the CMS and the GraphQL service.
SOURCES: Final = {"cms": ("cms",), "graphql_service": ("graphql",)}
SHARED_SOURCES: Final = {"search": ("cms", "graphql")}
SKIPPED_PARTS: Final = frozenset({"migrations", "__pycache__", "tests"})

#: Read by the code, but not set by a deployment (the README documents them).
DEVELOPER_ONLY: Final = {
    "HUB_DEMO_USER": "create_demo_editor: the demo editor of `make run`",
    "HUB_DEMO_PASSWORD": "create_demo_editor: the demo accounts of `make run`",
    "HUB_DEMO_REVIEWER": "create_demo_editor: the demo reviewer of `make run`",
    "HUB_DEMO_REVIEWER_PASSWORD": "create_demo_editor: the demo reviewer's password",
    "HUB_DEMO_ADMIN": "create_demo_editor: the demo administrator of `make run`",
    "HUB_DEMO_ADMIN_PASSWORD": "create_demo_editor: the demo administrator's password",
}
DEPRECATED: Final = {
    "GRAPHQL_TRUST_FORWARDED_FOR": "replaced by GRAPHQL_TRUSTED_PROXIES",
}
#: Read by the code for its tests only: neither documented nor deployed.
TEST_ONLY: Final[dict[str, str]] = {}

_NAME: Final = re.compile(r"^[A-Z][A-Z0-9_]*$")
_MAPPING_NAMES: Final = frozenset({"env", "environ", "environment"})
#: A module without any of these reads no variable (a quick test before parsing).
_MAY_READ: Final = re.compile(r"environ|\benv\b|getenv|config\(|dj_database_url")


@dataclass(frozen=True)
class Read:
    """One place where ``name`` is read."""

    name: str
    path: str
    line: int


def _literal(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    """The variable name ``node`` spells: a literal, or a module constant's."""
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _NAME.match(node.value):
            return node.value
    return None


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "VARIABLE"`` (annotated or not)."""
    constants: dict[str, str] = {}
    for node in tree.body:
        target: ast.AST | None = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign):
            target = node.target
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
            if isinstance(value.value, str) and _NAME.match(value.value):
                constants[target.id] = value.value
    return constants


def _is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _is_environment(node: ast.AST) -> bool:
    """``os.environ``, or a mapping named like the environment."""
    return _is_os_environ(node) or (
        isinstance(node, ast.Name) and node.id in _MAPPING_NAMES
    )


def _read_argument(node: ast.AST) -> ast.AST | None:
    """The expression naming the variable, when ``node`` reads the environment."""
    if isinstance(node, ast.Subscript) and _is_environment(node.value):
        return node.slice
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        if isinstance(node.ops[0], ast.In | ast.NotIn) and _is_environment(
            node.comparators[0]
        ):
            return node.left
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in {"get", "setdefault", "pop"} and _is_environment(func.value):
            return node.args[0]
        if (
            func.attr == "getenv"
            and isinstance(func.value, ast.Name)
            and func.value.id == "os"
        ):
            return node.args[0]
    if isinstance(func, ast.Name) and func.id == "config":
        return node.args[0]
    return None


def _database_url_reads(node: ast.AST, constants: dict[str, str]) -> str | None:
    """``dj_database_url.config()`` reads ``DATABASE_URL`` (or ``env=``)."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "config"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "dj_database_url"
    ):
        return None
    for keyword in node.keywords:
        if keyword.arg == "env":
            return _literal(keyword.value, constants)
    return "DATABASE_URL"


def _forwarding_functions(tree: ast.AST) -> dict[str, tuple[int, str]]:
    """Functions that read the variable a parameter names: name -> (index, name)."""
    found: dict[str, tuple[int, str]] = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        for node in ast.walk(function):
            argument = _read_argument(node)
            if isinstance(argument, ast.Name) and argument.id in params:
                found[function.name] = (params.index(argument.id), argument.id)
    return found


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def reads_in(source: str, path: str) -> Iterator[Read]:
    """Every literal variable name read in ``source`` (a module's text)."""
    tree = ast.parse(source, filename=path)
    constants = _module_constants(tree)
    forwarding = _forwarding_functions(tree)
    for node in ast.walk(tree):
        name = _literal(_read_argument(node), constants) or _database_url_reads(
            node, constants
        )
        if name:
            yield Read(name, path, getattr(node, "lineno", 0))
            continue
        if isinstance(node, ast.Call) and _call_name(node) in forwarding:
            index, param = forwarding[_call_name(node) or ""]
            value: ast.AST | None = None
            if index < len(node.args):
                value = node.args[index]
            for keyword in node.keywords:
                if keyword.arg == param:
                    value = keyword.value
            name = _literal(value, constants)
            if name:
                yield Read(name, path, node.lineno)


def _python_files(folder: Path) -> Iterable[Path]:
    for path in sorted(folder.rglob("*.py")):
        if not SKIPPED_PARTS.intersection(path.relative_to(folder).parts):
            yield path


def _imported_modules(source: str) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def scan(repo: Path = REPO) -> dict[str, tuple[set[str], list[Read]]]:
    """``{variable: (components reading it, where)}`` over the product's code.

    Components are ``cms`` (the CMS image: web, indexer, scheduler, harvester,
    webhook sender) and ``graphql`` (the GraphQL service). A module of one
    component that the other imports (the CMS uses a few of the service's)
    counts for both.
    """
    owners: dict[Path, set[str]] = {}
    texts: dict[Path, str] = {}
    for folder, components in {**SOURCES, **SHARED_SOURCES}.items():
        for path in _python_files(repo / folder):
            owners[path] = set(components)
            texts[path] = path.read_text("utf-8")
    by_module = {
        ".".join(path.relative_to(repo).with_suffix("").parts).removesuffix(
            ".__init__"
        ): path
        for path in owners
    }
    for path, components in list(owners.items()):
        if "graphql_service" not in texts[path]:
            continue  # (parsing every module twice would double the time)
        for module in _imported_modules(texts[path]):
            if module in by_module:
                owners[by_module[module]] |= components
    found: dict[str, tuple[set[str], list[Read]]] = defaultdict(lambda: (set(), []))
    for path, components in owners.items():
        if not _MAY_READ.search(texts[path]):
            continue
        relative = path.relative_to(repo).as_posix()
        for read in reads_in(texts[path], relative):
            found[read.name][0].update(components)
            found[read.name][1].append(read)
    return dict(sorted(found.items()))


def deployed(found: dict[str, tuple[set[str], list[Read]]]) -> dict[str, set[str]]:
    """The variables a deployment configures: all but the allow-listed ones."""
    skipped = DEVELOPER_ONLY.keys() | DEPRECATED.keys() | TEST_ONLY.keys()
    return {name: comps for name, (comps, _) in found.items() if name not in skipped}


def main() -> int:
    found = scan()
    for name, (components, reads) in found.items():
        note = DEVELOPER_ONLY.get(name) or DEPRECATED.get(name) or TEST_ONLY.get(name)
        places = ", ".join(sorted({f"{r.path}:{r.line}" for r in reads}))
        suffix = f"  (not deployed: {note})" if note else ""
        sys.stdout.write(f"{name}\t{','.join(sorted(components))}\t{places}{suffix}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
