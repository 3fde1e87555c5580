"""The gazetteer: a bundled SQLite of conflict-zone and world places, transliteration-robust look-up,
context ranking with an honest "none of these", and imports of GeoNames dumps and OCHA P-code tables.

    gaz = Gazetteer.default()
    gaz.resolve("Saraqeb", PlaceContext(countries=(("SY", 1.0),)))  # -> records.Place
"""

from frontwatch.resolve.gazetteer.core import Gazetteer, bundle_path, default_user_db_path
from frontwatch.resolve.gazetteer.imports import ImportResult, import_geonames_dump, import_ocha_pcodes
from frontwatch.resolve.gazetteer.normalise import normalise
from frontwatch.resolve.gazetteer.rank import PlaceContext, Scored
from frontwatch.resolve.gazetteer.search import Candidate

__all__ = [
    "Candidate",
    "Gazetteer",
    "ImportResult",
    "PlaceContext",
    "Scored",
    "bundle_path",
    "default_user_db_path",
    "import_geonames_dump",
    "import_ocha_pcodes",
    "normalise",
]
