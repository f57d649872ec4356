"""RDF stage: the resolved graph as rdflib Graphs (`graph`) and its serialisations (`serializers`)."""
