"""The package's folders are the pipeline's stages: imports flow downstream only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import frontwatch

PACKAGE = Path(frontwatch.__file__).parent

# stage -> stages it must never import (STYLE.md: resolve never imports extract; only cli/serve face humans)
FORBIDDEN = {
    "resolve": {"extract", "fuse", "store", "export", "serve", "ingest", "pipeline", "cli"},
    "nlp": {"extract", "resolve", "fuse", "store", "export", "serve", "ingest", "pipeline", "cli"},
    "ingest": {"extract", "resolve", "fuse", "store", "export", "serve", "nlp", "pipeline", "cli"},
    "extract": {"store", "export", "serve", "ingest", "pipeline", "cli"},
    "store": {"extract", "resolve", "fuse", "export", "serve", "ingest", "nlp", "pipeline", "cli"},
    "export": {"extract", "resolve", "fuse", "serve", "ingest", "nlp", "pipeline", "cli"},
    "fuse": {"extract", "serve", "ingest", "pipeline", "cli", "export"},
    "serve": {"cli"},
    "review": {"extract", "serve", "ingest", "pipeline", "cli", "export"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return {name.split(".")[1] for name in found if name.startswith("frontwatch.") and name.count(".") >= 1}


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_architecture_stage_imports_flow_downstream(stage):
    offenders = []
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        bad = _imports(path) & FORBIDDEN[stage]
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert not offenders, "\n".join(offenders)


def test_architecture_library_never_prints():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("cli.py", "serve"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{rel}:{node.lineno}")
    assert not offenders, offenders


def test_architecture_public_surface():
    assert sorted(frontwatch.__all__) == frontwatch.__all__
    for name in frontwatch.__all__:
        assert hasattr(frontwatch, name), name


def test_architecture_every_command_is_documented():
    import typer.main

    from frontwatch.cli import app

    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        names.extend(f"{name} {sub}" for sub in subcommands) if subcommands else names.append(name)
    missing = [n for n in names if f"frontwatch {n}" not in readme]
    assert not missing, f"commands not in README.md: {missing}"


def test_architecture_every_setting_says_how_it_was_chosen():
    lines = (PACKAGE / "settings.py").read_text(encoding="utf-8").splitlines()
    fields = [i for i, line in enumerate(lines) if re.match(r"    [a-z_0-9]+: [a-z]+ = ", line)]
    assert fields
    undocumented = []
    for i in fields:
        j = i - 1
        while j > 0 and re.match(r"    [a-z_0-9]+: [a-z]+ = ", lines[j]):
            j -= 1  # a comment may cover a group of related fields
        if not lines[j].strip().startswith("#") and "#" not in lines[i]:
            undocumented.append(lines[i].strip())
    assert not undocumented, f"settings without a comment on their calibration: {undocumented}"
