"""The one error tree of frontwatch, with coded message templates.

    FrontwatchError
    ├── InputError        a document or argument that cannot be read or understood
    │   └── FetchError    a URL that could not be fetched (network, size, type, address)
    ├── DataFileError     a bundled or imported data file that is malformed
    └── StoreError        the event store refused an operation

Only ``frontwatch.cli`` and ``frontwatch.serve`` turn these into exit codes or HTTP statuses.
"""

from __future__ import annotations


class FrontwatchError(Exception):
    """Base class of every error frontwatch raises on purpose."""


class InputError(FrontwatchError):
    """A document or argument that cannot be read: say what was expected and what arrived."""


class FetchError(InputError):
    """A URL that could not be fetched or was refused before fetching."""


class DataFileError(FrontwatchError):
    """A data file (lexicon, registry, gazetteer) that is missing or malformed."""


class StoreError(FrontwatchError):
    """The event store could not complete an operation."""


class Messages:
    """Coded message templates; format them with ``.format(**kwargs)``."""

    E001 = "Empty document: {source} holds no text after cleaning."
    E002 = "Binary file: {source} does not look like text (NUL bytes found); expected UTF-8 text."
    E003 = "Invalid UTF-8 in {source} at byte {position}: re-encode the file as UTF-8."
    E004 = "Malformed JSON on {source}: {detail}. Expected one JSON object per line."
    E005 = "No text on {source}: a JSONL document needs a non-empty 'text' or 'html' field."
    E006 = "Unreachable URL {source}: {detail}."
    E007 = "No main text in HTML {source}: boilerplate removal left nothing to read."
    E008 = "Refused URL {source}: it resolves to a {kind} address ({address}); pass --allow-private to fetch it."
    E009 = "URL {source} sent {size} bytes, above the {limit}-byte cap."
    E010 = "URL {source} has content type {content_type!r}; expected HTML or plain text."
    E011 = "Unsupported input {source}: expected a .txt, .html or .jsonl file, a directory or an http(s) URL."
    E012 = "Bad date {value!r} for {field}: expected ISO YYYY-MM-DD."
    E013 = "Data file {path} is malformed: {detail}."
    E014 = "Store {url} is at schema version {found}, newer than this frontwatch ({expected}); upgrade frontwatch."
    E015 = "Unsupported store URL {url!r}: expected a SQLite file path or a postgresql:// URL."
    E016 = "No such input: {source}."
    E017 = "Document {source} could not be processed: {detail}."
    E018 = ("Bad 'path' on {source}: {detail}. A JSONL line names one .txt or .html file, relative to the "
            "JSONL file's folder, instead of giving 'text' or 'html'.")
