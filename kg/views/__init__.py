"""Views of a built graph: the view model (`model`), the explorer page (`render`), the report (`report`)."""
