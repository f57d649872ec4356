"""Tests for kg.ontology: kg.ttl, lexicon.yaml and gazetteer.yaml agree with one another."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import OWL, RDF, RDFS, Namespace

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError
from kg.ontology import fold, load_ontology

KG = Namespace("https://w3id.org/newskg/ontology#")
LEXICON = yaml.safe_load((ONTOLOGY_DIR / "lexicon.yaml").read_text(encoding="utf-8"))
GAZETTEER = yaml.safe_load((ONTOLOGY_DIR / "gazetteer.yaml").read_text(encoding="utf-8"))
LEXICON_PROPERTIES = sorted({spec.get("property", name) for name, spec in LEXICON["properties"].items()})


@pytest.mark.parametrize("prop", LEXICON_PROPERTIES)
def test_every_lexicon_property_is_declared_with_label_domain_and_range(ontology, prop):
    g = ontology.graph
    iri = KG[prop]
    assert (iri, RDF.type, OWL.ObjectProperty) in g or (iri, RDF.type, OWL.DatatypeProperty) in g, prop
    assert g.value(iri, RDFS.label) is not None, f"{prop} has no rdfs:label"
    assert g.value(iri, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
    assert g.value(iri, RDFS.range) is not None, f"{prop} has no rdfs:range"


def test_every_trigger_names_a_declared_property(ontology):
    assert ontology.triggers
    assert {t.property for t in ontology.triggers} <= set(ontology.properties)
    assert {t.property for t in ontology.triggers} == set(LEXICON_PROPERTIES)


def test_object_classes_in_the_lexicon_are_declared(ontology):
    for name, spec in LEXICON["properties"].items():
        for cls in spec.get("object_classes", ()):
            assert cls in ontology.classes, f"lexicon {name}: object class {cls} not in kg.ttl"


def test_every_gazetteer_class_is_declared(ontology):
    sections = {"countries": "Country", "cities": "City", "regions": "Region", "organizations": "Organization",
                "news_organizations": "NewsOrganization", "people": "Person", "weapons": "Weapon"}
    used = {entry.get("class", default) for section, default in sections.items()
            for entry in GAZETTEER.get(section, ()) or ()}
    assert used - set(ontology.classes) == set()
    assert {e.cls for e in ontology.gazetteer} <= set(ontology.classes)


def test_what_a_city_or_leader_belongs_to_is_itself_in_the_gazetteer(ontology):
    for entry in ontology.gazetteer:
        if entry.country:
            assert fold(entry.country) in ontology.gazetteer_index, f"{entry.name}: unknown {entry.country}"
            if entry.cls == "City":
                assert ontology.gazetteer_index[fold(entry.country)].cls == "Country", entry.name


def test_title_classes_are_subclasses(ontology):
    assert ontology.is_a("Drone", "Weapon") and ontology.is_a("Weapon", "Product")
    assert ontology.is_a("Country", "Place") and ontology.is_a("Country", "Agent")
    assert ontology.is_a("NewsOrganization", "Organization")
    assert not ontology.is_a("City", "Agent")


def test_symmetric_properties(ontology):
    assert {"meets", "alliedWith"} <= ontology.symmetric


def test_gazetteer_names_fold_to_their_entry(ontology):
    assert ontology.gazetteer_index[fold("Kiev")].name == "Kyiv"
    assert ontology.gazetteer_index[fold("Zelenskyy")].name == "Volodymyr Zelensky"
    assert ontology.demonym_index[fold("Polish")].name == "Poland"


def copy_ontology(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, target)
    return target


def test_lexicon_with_undeclared_property_is_an_ontology_error(tmp_path):
    target = copy_ontology(tmp_path)
    lexicon = yaml.safe_load((target / "lexicon.yaml").read_text(encoding="utf-8"))
    lexicon["properties"]["befriends"] = {"verbs": ["befriend"]}
    (target / "lexicon.yaml").write_text(yaml.safe_dump(lexicon), encoding="utf-8")
    with pytest.raises(OntologyError, match="befriends"):
        load_ontology(target)


def test_gazetteer_with_undeclared_class_is_an_ontology_error(tmp_path):
    target = copy_ontology(tmp_path)
    data = yaml.safe_load((target / "gazetteer.yaml").read_text(encoding="utf-8"))
    data["organizations"].append({"name": "Acme Starships", "class": "Starship"})
    (target / "gazetteer.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(OntologyError, match="Starship"):
        load_ontology(target)


def test_unreadable_ontology_is_an_ontology_error(tmp_path):
    with pytest.raises(OntologyError):
        load_ontology(tmp_path)


def test_a_section_country_of_the_gazetteer_places_its_entries_in_that_country(ontology):
    # section_countries in gazetteer.yaml, not a table in code: a US state is in the United States
    assert GAZETTEER["section_countries"]["us_states"] == "United States"
    ohio = ontology.entry_by_name["Ohio"]
    assert ohio.cls == "Region" and ohio.country == "United States"


def test_an_entry_naming_its_own_country_keeps_it_over_the_section_country(tmp_path):
    target = copy_ontology(tmp_path)
    data = yaml.safe_load((target / "gazetteer.yaml").read_text(encoding="utf-8"))
    data["us_states"].append({"name": "Nowhere Province", "country": "Canada"})
    (target / "gazetteer.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_ontology(target).entry_by_name["Nowhere Province"].country == "Canada"
