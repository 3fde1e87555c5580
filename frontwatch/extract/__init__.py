"""Extraction: triggers, dates, places, figures and claims read from a document's text."""
