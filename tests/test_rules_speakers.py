"""Who speaks for the organisation a statement is about (kg/extract/rules/speakers.py): a staff title that names no
organisation, after a clause about one; each with a near miss that must name no employer."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, person, org", [
    ("The Coast Guard rescued seven people from a sinking boat near the station, said station chief Tom Reyes.",
     "Tom Reyes", "The Coast Guard"),
    ("The Bureau of Land Management is working on a brochure, said Ann Fry, a spokeswoman for the agency in Denver.",
     "Ann Fry", "The Bureau of Land Management"),
    ("Halvorsen Energy Corp. of Dayton is preparing to offer a pickup service, said Debra Lindqvist, a company "
     "official.", "Debra Lindqvist", "Halvorsen Energy"),
])
def test_a_staff_speaker_works_for_the_organisation_the_statement_is_about(extract, text, person, org):
    assert (person, "worksFor", org) in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Halvorsen Energy Corp. shares rose 4 percent, said analyst Tom Reyes.",  # an outsider's title
    "Halvorsen Energy Corp. will close the plant, said Tom Reyes, a union official.",  # a union's, not the firm's
    "Halvorsen Energy Corp. will close the plant, said Tom Reyes, a spokesman for Brandt Industries.",
    "Halvorsen Energy Corp. will close the plant, Tom Reyes said.",  # no title
])
def test_no_staff_employer_from_an_outsider_another_body_or_no_title(extract, text):
    assert ("Tom Reyes", "worksFor", "Halvorsen Energy") not in triples(extract(text))
