"""Model loading and token-level work on spaCy documents."""
