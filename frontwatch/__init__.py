"""frontwatch: news reports about armed conflict in, structured and source-attributed events out."""

from frontwatch.errors import DataFileError, FetchError, FrontwatchError, InputError, StoreError
from frontwatch.records import Claim, Document, Event, Evidence, Place, Skipped, Source

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "DataFileError",
    "Document",
    "Event",
    "Evidence",
    "FetchError",
    "FrontwatchError",
    "InputError",
    "Place",
    "Skipped",
    "Source",
    "StoreError",
    "__version__",
]
