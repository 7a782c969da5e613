"""The recommended book list (models, code lists, catalogue, import and export)."""
