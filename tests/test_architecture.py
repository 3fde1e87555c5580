"""The package's folders are the pipeline's stages: imports flow downstream only."""

from __future__ import annotations

import ast
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
    "fuse": {"extract", "serve", "ingest", "nlp", "pipeline", "cli", "export"},
    "serve": {"cli"},
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
