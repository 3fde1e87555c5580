"""Readers for the bundled data files (TSV lexicons, TOML registries), via importlib.resources.

Every data file starts with ``#`` comment lines giving its source, licence, date and known gaps.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from frontwatch.errors import DataFileError, Messages


def data_path(*parts: str) -> Traversable:
    """The bundled data file or folder at ``frontwatch/data/<parts...>``."""
    node = resources.files("frontwatch.data")
    for part in parts:
        node = node / part
    return node


@lru_cache(maxsize=None)
def read_tsv(*parts: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV data file, without ``#`` comments and blank lines; the header row is kept first."""
    path = data_path(*parts)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        raise DataFileError(Messages.E013.format(path="/".join(parts), detail=str(e))) from e
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


def read_tsv_dicts(*parts: str) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by its header row."""
    rows = read_tsv(*parts)
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    out = []
    for i, row in enumerate(body, start=2):
        if len(row) > len(header):
            raise DataFileError(
                Messages.E013.format(path="/".join(parts), detail=f"row {i} has {len(row)} cells, header has {len(header)}")
            )
        out.append(dict(zip(header, row + ("",) * (len(header) - len(row)))))
    return out


@lru_cache(maxsize=None)
def read_toml(*parts: str) -> dict:
    """A TOML data file as a dict."""
    path = data_path(*parts)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, tomllib.TOMLDecodeError) as e:
        raise DataFileError(Messages.E013.format(path="/".join(parts), detail=str(e))) from e


def lang_file(lang: str, name: str) -> list[dict[str, str]]:
    """A per-language TSV lexicon ``data/lang/<lang>/<name>.tsv`` as dicts."""
    return read_tsv_dicts("lang", lang, f"{name}.tsv")
