"""Source lines (kg/extract/source_lines.py, kg/extract/rules/sources.py): a cited outlet and the city it
publishes from, read from the line's layout."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_bare_source_line_places_an_outlet_in_capitals(extract):
    found = extract("Lisbon DIARIO DE NOTICIAS")
    assert ("DIARIO DE NOTICIAS", "locatedIn", "Lisbon") in triples(found)
    assert relations(found, "locatedIn")[0].provenance.rule == "source-line"


def test_a_coded_source_line_splits_the_city_from_a_title_case_outlet(extract):
    found = extract("Grain Harvest Falls Short KL1703120195 Warsaw Polskie Radio Network in Polish 0600 GMT 17 Mar 95")
    assert ("Polskie Radio Network", "locatedIn", "Warsaw") in triples(found)


def test_an_unknown_city_after_a_reference_code(extract):
    found = extract("AB1102030495 Tamale GHANAIAN CHRONICLE in English 11 Feb 95 p 4")
    assert ("GHANAIAN CHRONICLE", "locatedIn", "Tamale") in triples(found)


@pytest.mark.parametrize("text", ["Lisbon Stock Exchange", "Paris Opera singers arrived in Vienna on Monday."])
def test_a_city_before_other_capitalised_words_is_no_source_line(extract, text):
    assert not [r for r in relations(extract(text)) if r.provenance.rule == "source-line"]


def test_a_bare_line_naming_a_broadcaster_in_title_case(extract):
    assert ("Radio Oslo Network", "locatedIn", "Oslo") in triples(extract("Oslo Radio Oslo Network"))


def test_a_source_line_with_a_section_in_brackets_is_no_dateline(extract):
    found = extract("Lisbon PUBLICO (BUSINESS SUPPLEMENT)")
    assert ("PUBLICO", "locatedIn", "Lisbon") in triples(found)


def test_a_city_name_with_a_particle_after_a_reference_code(extract):
    found = extract("PY1503020195 Belo do Campo A TRIBUNA in Portuguese 15 Mar 95 p 3")
    assert ("A TRIBUNA", "locatedIn", "Belo do Campo") in triples(found)
