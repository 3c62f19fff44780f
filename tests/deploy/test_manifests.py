"""The deploy files are checked, not only reviewed.

* every Kubernetes manifest (the base, and each overlay as ``kubectl kustomize``
  renders it) conforms to the Kubernetes JSON schemas (``kubernetes-validate``,
  strict: an unknown field is an error), and ``deploy/compose.yaml`` to the
  Compose Specification's schema (``deploy/schemas``);
* every environment variable the code reads (``scripts/env_vars.py``) is in the
  README's Configuration table, and is set, or named as left at its default,
  for each image that reads it, in compose.yaml and in every overlay;
* every command the files run exists and accepts its arguments; every probe and
  health check asks an endpoint the service has; compose and Kubernetes run the
  same images with the same commands; pods run as a non-root user with limits.
"""

from __future__ import annotations

import ast
import copy
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from django.core.management import get_commands, load_command_class
from django.urls import Resolver404, resolve

from scripts import env_vars

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
KUBERNETES = DEPLOY / "kubernetes"
BASE = KUBERNETES / "base"
OVERLAYS = sorted(p.name for p in (KUBERNETES / "overlays").iterdir() if p.is_dir())
COMPOSE = DEPLOY / "compose.yaml"
COMPOSE_SCHEMA = DEPLOY / "schemas" / "compose-spec.json"
#: The oldest Kubernetes minor version the manifests must suit.
KUBERNETES_VERSION = "1.32"
#: Our images, by the name compose and the manifests give them, and the
#: component (``scripts/env_vars.py``) whose variables each one reads.
IMAGES = {
    "integration-norden-hub/cms": ("cms", DEPLOY / "docker" / "cms.Dockerfile"),
    "integration-norden-hub/graphql": (
        "graphql",
        DEPLOY / "docker" / "graphql.Dockerfile",
    ),
}
_COMMENTED = re.compile(r"^#([A-Z][A-Z0-9_]*)=")
_README_NAME = re.compile(r"`([A-Z][A-Z0-9_]*)`")


# --- reading the files -----------------------------------------------------


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text("utf-8")) if doc]


def _base_manifests() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.name, doc)
        for path in sorted(BASE.glob("*.yaml"))
        if path.name != "kustomization.yaml"
        for doc in _documents(path)
    ]


def _render(overlay: str, tmp_path: Path) -> list[dict[str, Any]]:
    """``kubectl kustomize`` of ``overlay``, its secrets filled from the examples."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        message = "kubectl (with its built-in kustomize) renders the overlays"
        if os.environ.get("CI"):
            pytest.fail(message + ": it is missing")
        pytest.skip(message + ": not installed")
    tree = tmp_path / "kubernetes"
    shutil.copytree(KUBERNETES, tree)
    for example in (tree / "overlays" / overlay).glob("*.env.example"):
        shutil.copy(example, example.with_suffix(""))
    done = subprocess.run(  # noqa: S603 (fixed arguments)
        [kubectl, "kustomize", str(tree / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request, tmp_path_factory) -> tuple[str, list[dict[str, Any]]]:
    overlay = request.param
    return overlay, _render(overlay, tmp_path_factory.mktemp(overlay))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text("utf-8"))


def _pod_specs(docs: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in docs:
        if doc["kind"] in {"Deployment", "StatefulSet", "DaemonSet", "Job"}:
            yield doc["metadata"]["name"], doc["spec"]["template"]["spec"]


def _containers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [*spec.get("initContainers", []), *spec["containers"]]


def _image_name(image: str) -> str:
    """``registry/name:tag`` -> the base name the files give (``name``)."""
    folder, _, last = image.rpartition("/")
    name = f"{folder}/{last.partition(':')[0]}" if folder else last.partition(":")[0]
    for known in IMAGES:
        if name == known or name.endswith("/" + known):
            return known
    return name


def _dockerfile(image: str) -> tuple[list[str], dict[str, str]]:
    """The CMD and the ENV names of one of our images' Dockerfiles."""
    text = IMAGES[image][1].read_text("utf-8")
    cmd = re.findall(r"^CMD (\[.*\])$", text, flags=re.M)
    env: dict[str, str] = {}
    for line in re.findall(r"^ENV (.+)$", text, flags=re.M):
        for pair in shlex.split(line):
            name, _, value = pair.partition("=")
            env[name] = value
    return yaml.safe_load(cmd[-1]), env


def _compose_ours(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The compose services that run our images."""
    return {
        name: service
        for name, service in compose["services"].items()
        if _image_name(service.get("image", "")) in IMAGES
    }


def _compose_command(service: dict[str, Any]) -> list[str] | None:
    """What the service runs; ``None``: a third-party image's own command."""
    command = service.get("command")
    if command is None:
        image = _image_name(service["image"])
        return _dockerfile(image)[0] if image in IMAGES else None
    return command if isinstance(command, list) else shlex.split(command)


def _kubernetes_command(container: dict[str, Any]) -> list[str] | None:
    command = [*container.get("command", []), *container.get("args", [])]
    if command:
        return command
    image = _image_name(container["image"])
    return _dockerfile(image)[0] if image in IMAGES else None


def _image_ref(image: str) -> str:
    """Ours by name (the overlays choose registry and tag); others as given."""
    name = _image_name(image)
    return name if name in IMAGES else image


def _ours(container: dict[str, Any]) -> bool:
    return _image_name(container["image"]) in IMAGES


def _listed(problem: str, items) -> str:
    """An assertion message that shows every item (pytest would cut the list)."""
    return f"{problem}:\n  " + "\n  ".join(sorted(set(items)))


# --- schemas ---------------------------------------------------------------


def _schema_errors(doc: dict[str, Any]) -> str | None:
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        where = ".".join(str(part) for part in exc.path)
        return f"{doc['kind']}/{doc['metadata']['name']}: {where}: {exc.message}"
    return None


def test_every_base_manifest_conforms_to_the_kubernetes_schema() -> None:
    manifests = _base_manifests()
    kinds = {doc["kind"] for _, doc in manifests}
    assert {"Deployment", "Service", "HorizontalPodAutoscaler"} <= kinds
    assert {"PodDisruptionBudget", "PersistentVolumeClaim", "Ingress"} <= kinds
    errors = [f"{name}: {e}" for name, doc in manifests if (e := _schema_errors(doc))]
    assert not errors, _listed("schema errors", errors)


def test_every_overlay_renders_and_conforms_to_the_kubernetes_schema(
    rendered,
) -> None:
    _overlay, docs = rendered
    kinds = [doc["kind"] for doc in docs]
    assert kinds.count("Secret") == 2 and kinds.count("ConfigMap") == 4
    errors = [e for doc in docs if (e := _schema_errors(doc))]
    assert not errors, _listed("schema errors", errors)


def test_the_schema_check_refuses_a_broken_manifest() -> None:
    (name, deployment) = next(
        (n, d) for n, d in _base_manifests() if d["kind"] == "Deployment"
    )
    typo = copy.deepcopy(deployment)
    typo["spec"]["template"]["spec"]["containers"][0]["imagePullPolcy"] = "Always"
    wrong_type = copy.deepcopy(deployment)
    wrong_type["spec"]["replicas"] = "two"
    assert _schema_errors(deployment) is None, name
    assert "imagePullPolcy" in (_schema_errors(typo) or "")
    assert "replicas" in (_schema_errors(wrong_type) or "")


def _compose_errors(document: dict[str, Any]) -> list[str]:
    schema = yaml.safe_load(COMPOSE_SCHEMA.read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'.'.join(str(p) for p in error.path)}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_compose_file_conforms_to_the_compose_spec(compose) -> None:
    errors = _compose_errors(compose)
    assert not errors, _listed("compose-spec errors", errors)


def test_compose_references_resolve(compose) -> None:
    """What the schema cannot see and ``docker compose config`` would refuse."""
    services = compose["services"]
    volumes = set(compose.get("volumes", {}))
    for name, service in services.items():
        for needed, condition in service.get("depends_on", {}).items():
            assert needed in services, f"{name} depends on unknown {needed}"
            if condition["condition"] == "service_healthy":
                assert "healthcheck" in services[needed], f"{name}: {needed}"
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name}: no file {source}"
            elif not source.startswith(("/", "$")):
                assert source in volumes, f"{name}: undeclared volume {source}"
        if service.get("network_mode", "").startswith("service:"):
            assert service["network_mode"].split(":", 1)[1] in services, name
    text = COMPOSE.read_text("utf-8")
    for reference in re.findall(r"\$\{([^}]*)\}", text):
        assert re.fullmatch(r"[A-Z_][A-Z0-9_]*(:?[-?+][^}]*)?", reference), reference


def test_the_compose_check_refuses_a_broken_file(compose) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["cms"]["restart_policy"] = "always"  # not a service key
    broken["services"]["graphql"]["ports"] = "8001:8001"  # not a list
    errors = _compose_errors(broken)
    assert any("restart_policy" in e for e in errors)
    assert any(e.startswith("services.graphql.ports") for e in errors)


# --- environment variables -------------------------------------------------


@pytest.fixture(scope="module")
def scanned() -> dict[str, tuple[set[str], list[env_vars.Read]]]:
    """Every variable the code reads: the images that read it, and where."""
    return env_vars.scan(REPO)


@pytest.fixture(scope="module")
def variables(scanned) -> dict[str, set[str]]:
    """The variables a deployment configures, with the images that read them."""
    return env_vars.deployed(scanned)


def _readme_configuration() -> set[str]:
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("|"):
            names.update(_README_NAME.findall(line.split("|")[1]))
    return names


def test_the_scanner_finds_every_kind_of_read() -> None:
    source = (
        "import os, dj_database_url\n"
        "from starlette.config import Config\n"
        "A = os.environ.get('HUB_A')\n"
        "B = os.getenv('HUB_B', '1')\n"
        "C = 'HUB_C' in os.environ\n"
        "def load(env):\n"
        "    config = Config(environ=env)\n"
        "    return env['HUB_D'], config('HUB_E', cast=int), dj_database_url.config()\n"
        "def _int(options, variable):\n"
        "    return os.environ.get(variable)\n"
        "X = _int({}, 'HUB_F')\n"
        "G: Final = 'HUB_G'\n"
        "Z = os.environ.get(G)\n"
        "Y = os.environ.get('lower_case_is_no_variable')\n"
    )
    found = {read.name for read in env_vars.reads_in(source, "module.py")}
    expected = {"HUB_A", "HUB_B", "HUB_C", "HUB_D", "HUB_E", "HUB_F", "HUB_G"}
    expected.add("DATABASE_URL")
    assert found == expected


def test_every_variable_the_code_reads_is_documented_in_the_readme(scanned) -> None:
    readme = _readme_configuration()
    read = set(scanned) - env_vars.TEST_ONLY.keys()
    assert not read - readme, _listed(
        "missing from README ## Configuration", read - readme
    )
    assert not readme - read, _listed("documented, but no code reads it", readme - read)


def test_every_variable_is_set_or_left_at_its_default_in_compose(
    compose, variables
) -> None:
    defaults = compose["x-defaults"]
    services = _compose_ours(compose)
    assert set(services) >= {"cms", "graphql", "indexer", "scheduler"}
    missing = []
    set_everywhere: dict[str, set[str]] = {}
    for name, service in services.items():
        image = _image_name(service["image"])
        component = IMAGES[image][0]
        set_here = set(service.get("environment", {})) | _dockerfile(image)[1].keys()
        kept = set(defaults[component])
        missing += [
            f"{name}: {v}"
            for v, comps in variables.items()
            if component in comps and v not in set_here | kept
        ]
        everywhere = set_everywhere.setdefault(component, set_here)
        set_everywhere[component] = everywhere & set_here
    # x-defaults names what some service of the image leaves at its default.
    both = [
        f"{component}: {v}"
        for component, names in set_everywhere.items()
        for v in names & set(defaults[component])
    ]
    assert not missing, _listed("neither set nor in x-defaults", missing)
    assert not both, _listed("set by every service, and in x-defaults", both)


def _commented_defaults(files: list[Path]) -> set[str]:
    names: set[str] = set()
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if match := _COMMENTED.match(line):
                names.add(match.group(1))
    return names


#: The configuration files each image's pods load (base and overlay).
_CONFIG_FILES = {
    "cms": ("config.env", "cms.env"),
    "graphql": ("config.env", "graphql.env"),
}


def test_every_variable_is_set_or_left_at_its_default_in_kubernetes(
    rendered, variables
) -> None:
    overlay, docs = rendered
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    missing = []
    checked = set()
    for name, spec in _pod_specs(docs):
        for container in filter(_ours, _containers(spec)):
            image = _image_name(container["image"])
            component = IMAGES[image][0]
            checked.add(component)
            set_here = {e["name"] for e in container.get("env", [])}
            set_here |= _dockerfile(image)[1].keys()
            for source in container.get("envFrom", []):
                kind, ref = (
                    ("ConfigMap", source["configMapRef"])
                    if "configMapRef" in source
                    else ("Secret", source["secretRef"])
                )
                assert (kind, ref["name"]) in by_name, f"{name}: no {kind} {ref}"
                set_here |= by_name[kind, ref["name"]].get("data", {}).keys()
            files = [
                folder / file
                for folder in (BASE, KUBERNETES / "overlays" / overlay)
                for file in _CONFIG_FILES[component]
            ]
            kept = _commented_defaults([f for f in files if f.exists()])
            missing += [
                f"{overlay} {name}/{container['name']}: {v}"
                for v, comps in variables.items()
                if component in comps and v not in set_here | kept
            ]
    assert checked == {"cms", "graphql"}
    assert not missing, _listed("neither set nor left at its default (#NAME=)", missing)


def test_deploy_files_name_only_variables_the_code_reads(
    compose, rendered, scanned
) -> None:
    _overlay, docs = rendered
    known = set(scanned)
    named = {v for names in compose["x-defaults"].values() for v in names}
    for service in _compose_ours(compose).values():
        named |= set(service.get("environment", {}))
    as_environment = {
        ref["name"]
        for _, spec in _pod_specs(docs)
        for c in _containers(spec)
        for source in c.get("envFrom", [])
        for ref in source.values()
    }
    for doc in docs:
        if doc["kind"] in {"ConfigMap", "Secret"}:
            if doc["metadata"]["name"] in as_environment:
                named |= doc.get("data", {}).keys()
    named |= _commented_defaults(list(KUBERNETES.rglob("*.env")))
    assert not named - known, _listed("no code reads", named - known)


# --- commands, probes, images ----------------------------------------------


def _check_command(command: list[str]) -> None:
    """``command`` runs something that exists, with arguments it accepts."""
    if command[:2] == ["sh", "-c"]:
        for part in command[2].split("&&"):
            _check_command(shlex.split(part))
        return
    if command[:2] == ["python", "manage.py"]:
        name, args = command[2], command[3:]
        app = get_commands().get(name)
        assert app is not None, f"no management command {name!r}"
        parser = load_command_class(app, name).create_parser("manage.py", name)
        parser.parse_args(args)  # CommandError on an unknown option
        return
    if command[:2] == ["python", "-m"]:
        assert find_spec(command[2] + ".__main__") is not None, command
        return
    if command[0] == "gunicorn":
        assert find_spec("gunicorn") is not None
        assert find_spec(command[1]) is not None, f"no WSGI module {command[1]}"
        return
    raise AssertionError(f"unknown kind of command: {command}")


def test_every_command_exists_and_accepts_its_arguments(compose, rendered) -> None:
    _overlay, docs = rendered
    commands = [_compose_command(s) for s in _compose_ours(compose).values()]
    commands += [
        _kubernetes_command(c)
        for _, s in _pod_specs(docs)
        for c in filter(_ours, _containers(s))
    ]
    commands += [_dockerfile(image)[0] for image in IMAGES]
    assert len(commands) >= 12
    for command in commands:
        _check_command(command)


def test_a_wrong_command_is_refused() -> None:
    from django.core.management import CommandError

    with pytest.raises(AssertionError, match="no management command"):
        _check_command(["python", "manage.py", "run_indexr"])
    with pytest.raises(CommandError):
        _check_command(["python", "manage.py", "harvest", "--forever"])


def _graphql_routes() -> set[str]:
    """The paths of the ``Route(...)``s the service's app module declares
    (read from its source: building the app needs its stores)."""
    tree = ast.parse((REPO / "graphql_service" / "app.py").read_text("utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Route"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_probes_and_health_checks_ask_endpoints_the_services_have(
    compose, rendered
) -> None:
    overlay, docs = rendered
    routes = _graphql_routes()
    assert {"/graphql", "/livez", "/readyz"} <= routes
    asked = 0
    for name, spec in _pod_specs(docs):
        for container in spec["containers"]:
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                get = container.get(probe, {}).get("httpGet")
                if get is None:
                    continue
                asked += 1
                if _image_name(container["image"]) == "integration-norden-hub/graphql":
                    assert get["path"] in routes, f"{name} {probe}: {get['path']}"
                else:
                    try:
                        resolve(get["path"])
                    except Resolver404:
                        pytest.fail(f"{name} {probe}: the CMS has no {get['path']}")
                    host = {h["name"]: h["value"] for h in get.get("httpHeaders", [])}
                    allowed = _overlay_value(docs, "DJANGO_ALLOWED_HOSTS").split(",")
                    assert host.get("Host") in allowed, f"{overlay}: probe Host"
    assert asked >= 4
    # The graphql health check of compose.yaml asks /readyz.
    test = " ".join(compose["services"]["graphql"]["healthcheck"]["test"])
    path = re.search(r"127\.0\.0\.1:8001(/[a-z]+)", test)
    assert path is not None and path.group(1) in routes


def _overlay_value(docs: list[dict[str, Any]], variable: str) -> str:
    for doc in docs:
        if doc["kind"] == "ConfigMap" and variable in doc.get("data", {}):
            return str(doc["data"][variable])
    raise AssertionError(f"{variable} is in no ConfigMap")


def test_compose_and_kubernetes_run_the_same_images_and_commands(
    compose, rendered
) -> None:
    _overlay, docs = rendered
    in_kubernetes = {
        c["name"]: (_image_ref(c["image"]), _kubernetes_command(c))
        for _, spec in _pod_specs(docs)
        for c in _containers(spec)
    }
    # Ours everywhere, and the third-party containers of the pods (nginx); the
    # databases and the engine are outside the cluster.
    in_compose = {
        name: (_image_ref(s["image"]), _compose_command(s))
        for name, s in compose["services"].items()
        if name in _compose_ours(compose) or name in in_kubernetes
    }
    assert "web" in in_compose
    assert in_kubernetes == in_compose


def test_pods_run_unprivileged_with_requests_and_limits(rendered) -> None:
    _overlay, docs = rendered
    for name, spec in _pod_specs(docs):
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["runAsUser"] != 0, name
        assert spec["automountServiceAccountToken"] is False, name
        for container in _containers(spec):
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"]["drop"] == ["ALL"], name
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= container["resources"][kind].keys(), name
    for image in IMAGES:
        text = IMAGES[image][1].read_text("utf-8")
        users = re.findall(r"^USER (\S+)$", text, flags=re.M)
        assert users and users[-1].split(":")[0] not in {"0", "root"}, image


def test_graphql_scales_and_keeps_serving_through_disruptions(rendered) -> None:
    _overlay, docs = rendered
    kinds = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    deployment = kinds["Deployment", "graphql"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    autoscaler = kinds["HorizontalPodAutoscaler", "graphql"]["spec"]
    assert autoscaler["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "graphql",
    }
    assert 2 <= autoscaler["minReplicas"] < autoscaler["maxReplicas"]
    assert "replicas" not in deployment["spec"], "the autoscaler owns the count"
    budget = kinds["PodDisruptionBudget", "graphql"]["spec"]
    assert budget["selector"]["matchLabels"].items() <= labels.items()
    for doc in docs:
        if doc["kind"] == "Service":
            pods = kinds["Deployment", doc["metadata"]["name"]]
            template = pods["spec"]["template"]["metadata"]["labels"]
            assert doc["spec"]["selector"].items() <= template.items()
        if doc["kind"] == "Ingress":
            for rule in doc["spec"]["rules"]:
                for path in rule["http"]["paths"]:
                    service = path["backend"]["service"]["name"]
                    assert ("Service", service) in kinds
                    # The service's /metrics names operations: not public.
                    if service == "graphql":
                        assert not "/metrics".startswith(path["path"]), path
