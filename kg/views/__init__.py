"""Views of a built graph: the entity graph (`graphview`), the interactive page (`render`), the report (`report`)."""
