"""Tests for kg.ontology.lexicon: lexicon.yaml and rules.yaml read into typed, frozen data, validated when the
ontology loads."""
from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import yaml

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError
from kg.ontology.lexicon import Lexicon, read_lexicon, read_rule_settings
from kg.ontology import load_ontology

RULES_DIR = Path(__file__).resolve().parent.parent / "kg" / "extract" / "rules"


def _with(tmp_path: Path, file: str, change) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, target)
    data = yaml.safe_load((target / file).read_text(encoding="utf-8"))
    change(data)
    (target / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_the_lexicon_loads_typed_and_frozen(ontology):
    lexicon = ontology.lexicon
    assert isinstance(lexicon, Lexicon)
    assert "will" in lexicon.modality.future and "never" in lexicon.modality.negators
    assert lexicon.co_agent_preps[0] == "with"  # a list keeps the file's order
    assert "chief executive" in lexicon.all_titles and "armed" in lexicon.institution_words
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.honorifics = frozenset()  # type: ignore[misc]


def test_an_unknown_lexicon_key_names_the_file_and_key(tmp_path):
    target = _with(tmp_path, "lexicon.yaml", lambda d: d["modality"].update(maybe=["perhaps"]))
    with pytest.raises(OntologyError, match=r"lexicon\.yaml: unknown key 'modality\.maybe'"):
        load_ontology(target)


def test_an_unknown_trigger_key_names_the_property(tmp_path):
    target = _with(tmp_path, "lexicon.yaml", lambda d: d["properties"]["leads"].update(verbz=["lead"]))
    with pytest.raises(OntologyError, match=r"lexicon\.yaml: unknown key 'properties\.leads\.verbz'"):
        load_ontology(target)


def test_a_wrong_type_names_the_file_and_key(tmp_path):
    target = _with(tmp_path, "lexicon.yaml", lambda d: d.update(honorifics="mr"))
    with pytest.raises(OntologyError, match=r"lexicon\.yaml: 'honorifics' should be a list, not str"):
        load_ontology(target)


def test_an_unquoted_yaml_boolean_in_a_word_list_is_an_error():
    with pytest.raises(OntologyError, match=r"'co_agent_preps\[1\]' should be str, not a boolean"):
        read_lexicon({"co_agent_preps": ["with", True]})


def test_a_wrong_type_in_rules_yaml_names_the_file_and_key(tmp_path):
    target = _with(tmp_path, "rules.yaml", lambda d: d["confidence"].update(svo="high"))
    with pytest.raises(OntologyError, match=r"rules\.yaml: 'confidence\.svo' should be float, not str"):
        load_ontology(target)


def test_object_nouns_must_name_a_word_list(tmp_path):
    target = _with(tmp_path, "lexicon.yaml", lambda d: d["properties"]["leads"].update(object_nouns="no_such_list"))
    with pytest.raises(OntologyError, match="no_such_list"):
        load_ontology(target)


def test_symmetry_is_declared_in_kg_ttl_not_the_lexicon():
    with pytest.raises(OntologyError, match=r"unknown key 'properties\.meets\.symmetric'"):
        read_lexicon({"properties": {"meets": {"verbs": ["meet"], "symmetric": True}}})


def test_every_rule_name_the_rules_use_has_a_confidence(ontology):
    # a rule name is the last string literal of a ctx.relate(...) call
    used = set()
    for path in RULES_DIR.glob("*.py"):
        used |= set(re.findall(r'ctx\.relate\([^()]*"([a-z-]+)"(?:,\s*modal=False)?\)', path.read_text(encoding="utf-8")))
    used |= {"svo", "passive", "prep", "particle", "nominal", "adjective", "stative", "purpose", "amount",
             "amount-context", "count", "compound-title", "apposition-role", "appointed-as"}  # chosen at run time
    assert {"place-of", "funding-source", "gazetteer-office"} <= used
    assert used - set(ontology.rules.confidence) == set()
    assert all(0 < c <= 1 for c in ontology.rules.confidence.values())


def test_empty_files_read_as_empty_data():
    assert read_lexicon(None).properties == {}
    assert read_rule_settings(None).confidence == {}


@pytest.mark.parametrize("title, prop", [
    ("chief executive", "leads"), ("Prime Minister", "leads"), ("co-founder", "founds"),
    ("UK Defence Secretary", "serves"), ("attorney general", "serves"), ("plant pathologist", "serves")])
def test_a_title_holds_its_office_by_the_property_of_its_group(ontology, title, prop):
    # one rule for the extract rules (titles, origins) and for resolution (a role's country)
    assert ontology.lexicon.title_property(title) == prop
