"""Tools over a built graph: SPARQL queries (`query`), a read-only endpoint (`serve`), SHACL validation (`validate`)."""
