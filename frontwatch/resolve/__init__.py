"""Resolution: actor and publisher registries, gazetteer, date normalisation (never imports extract)."""
