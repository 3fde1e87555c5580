"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

# Only dates the page states about itself (meta tags, JSON-LD, visible bylines): no guessing from the
# page's other dates or from today, since a wrong publication date mis-anchors every relative date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlPage:
    """What trafilatura read in a page: main text (paragraphs one per line) and metadata."""

    text: str
    title: str | None = None
    published: str | None = None  # as trafilatura found it, usually YYYY-MM-DD
    sitename: str | None = None
    language: str | None = None  # from the page's own declaration, when it has one


def extract_html(html: str, url: str | None = None, *, settings: Settings = SETTINGS) -> HtmlPage | None:
    """The main text and metadata of ``html``, or None when the page holds no paragraph of prose."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError) as e:  # trafilatura's parser on malformed markup
        log.warning("trafilatura failed on %s: %s", url or "an HTML page", e)
        return None
    text = (result.text or "") if result is not None else ""
    if not any(len(line.split()) >= settings.html_min_paragraph_words for line in text.splitlines()):
        return None
    title = _blank_to_none(result.title)
    if title and title not in text.split("\n", 1)[0]:
        # Put the headline first, as in a scraped text file: headlines often carry the event.
        text = f"{title}\n{text}"
    language = (result.language or "").split("-")[0].lower() or None
    return HtmlPage(
        text=text,
        title=title,
        published=_blank_to_none(result.date),
        sitename=_blank_to_none(result.sitename),
        language=language,
    )


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
