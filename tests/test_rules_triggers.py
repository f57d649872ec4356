"""Tests for kg.extract.rules.triggers: general constructions around a lexicon trigger, each with a
near miss that must state nothing."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_nominalisation_with_a_by_agent(extract):
    found = triples(extract("The acquisition of Baltic Robotics by Siemens was completed on Monday."))
    assert ("Siemens", "acquires", "Baltic Robotics") in found
    assert ("Baltic Robotics", "acquires", "Siemens") not in found


def test_possessive_agent_and_compound_object_of_a_nominalisation(extract):
    exs = extract("Siemens completed its Baltic Robotics takeover in March.")
    assert ("Siemens", "acquires", "Baltic Robotics") in triples(exs)
    assert {r.provenance.rule for r in relations(exs, "acquires")} == {"nominal"}


def test_a_compound_without_a_possessive_is_not_the_object(extract):
    # "the Siemens takeover": Siemens is who takes over, if anyone; nothing says it was taken over
    found = triples(extract("Analysts praised the Siemens takeover on Monday."))
    assert not any(p == "acquires" and o == "Siemens" for _, p, o in found)


def test_words_between_verb_and_preposition_must_be_there(extract):
    # "hold talks with" is a meeting; "held in Turin" is not
    found = triples(extract("The ceremony between Airbus and Leonardo, held in Turin, drew crowds."))
    assert not any(p in ("meets", "presentIn") for _, p, _ in found)
    found = triples(extract("Keir Starmer held talks with Donald Tusk in Warsaw."))
    assert ("Keir Starmer", "meets", "Donald Tusk") in found
    assert ("Keir Starmer", "presentIn", "Warsaw") in found


def test_deal_with_coordinated_countries(extract):
    found = triples(extract("Prime Minister Mark Carney announced trade deals with Mexico and Brazil on Friday."))
    assert ("Mark Carney", "agreesWith", "Mexico") in found
    assert ("Mark Carney", "agreesWith", "Brazil") in found


def test_a_dateline_before_a_dash_is_not_the_subject(extract):
    found = triples(extract("Lawsuit filed\n\nSEATTLE -- Jeff Bezos is suing Microsoft and its CEO Satya Nadella."))
    assert ("Jeff Bezos", "sues", "Microsoft") in found
    assert ("Jeff Bezos", "sues", "Satya Nadella") in found
    assert not any(s == "Seattle" for s, p, _ in found if p == "sues")


def test_a_weapon_compound_passes_the_nationality_to_the_strike(extract):
    found = triples(extract("A Russian drone attack on an apartment building in the city of Kharkiv "
                            "killed three people."))
    assert ("Russia", "attacks", "Kharkiv") in found


def test_officials_in_a_country_stand_for_it(extract):
    found = triples(extract("Kestrel Labs' takeover plan was blocked by antitrust officials in Germany."))
    assert ("Germany", "blocks", "Kestrel Labs") in found


def test_a_participle_on_a_speaker_s_statement_is_the_speaker_s(extract):
    found = triples(extract("In a statement congratulating Keir Starmer, Secretary of State Marco Rubio "
                            "said he hoped to work closely with him."))
    assert ("Marco Rubio", "congratulates", "Keir Starmer") in found


def test_a_participle_on_another_noun_is_not_the_speaker_s(extract):
    found = triples(extract("In a region bordering Ukraine, Antony Blinken said talks would go on."))
    assert not any(s == "Antony Blinken" and p == "borders" for s, p, _ in found)


def test_a_leading_passive_participle_is_about_the_main_subject(extract):
    found = triples(extract("Acquired by Siemens in 2020, Kestrel Labs now employs 300 engineers."))
    assert ("Siemens", "acquires", "Kestrel Labs") in found
    assert ("Kestrel Labs", "acquires", "Siemens") not in found


def test_a_participle_with_its_own_subject_is_not_passive(extract):
    found = triples(extract("Having acquired Kestrel Labs in 2020, Siemens now employs 300 engineers there."))
    assert ("Siemens", "acquires", "Kestrel Labs") in found


def test_talks_in_a_time_phrase_were_held_by_the_clause_subject(extract):
    found = triples(extract("After talks with Kazuo Ueda, Fumio Kishida told reporters the shift was welcome."))
    assert ("Fumio Kishida", "meets", "Kazuo Ueda") in found or ("Kazuo Ueda", "meets", "Fumio Kishida") in found


def test_an_act_in_a_time_phrase_is_not_the_clause_subject_s(extract):
    found = triples(extract("After the acquisition of Kestrel Labs, Siemens hired 300 engineers."))
    assert ("Siemens", "acquires", "Kestrel Labs") not in found


def test_a_person_who_formed_a_company_founded_it(extract):
    found = triples(extract("Jan Koum then quit and has formed his own software company, Zentrix Labs."))
    assert ("Jan Koum", "founds", "Zentrix Labs") in found
    assert not any(p == "founds" for _, p, _ in triples(extract("Germany formed a coalition government.")))


def test_an_object_complement_stands_where_a_particle_would(extract):
    found = triples(extract("The International Criminal Court found Thomas Lubanga guilty of war crimes."))
    assert ("International Criminal Court", "convicts", "Thomas Lubanga") in found


def test_found_not_guilty_convicts_no_one(extract):
    found = triples(extract("The International Criminal Court found Thomas Lubanga not guilty."))
    assert not any(p == "convicts" for _, p, _ in found)


def test_a_conjoined_title_s_modifiers_are_not_its_holder(extract):
    found = triples(extract("Weeks after she was made Labour Party chief and head of UK government, "
                            "Mary Holt resigned."))
    assert ("Labour Party", "leads", "United Kingdom") not in found
    assert ("Labour Party", "leads", "UK") not in found


def test_a_noun_trigger_of_several_words_matches_its_head_noun_with_its_modifiers(extract):
    found = extract("Kristersson, the prime minister of Sweden, arrived in Oslo on Monday.")
    assert ("Kristersson", "leads", "Sweden") in triples(found)
    aid = extract("Germany announced new military aid to Ukraine on Friday.")
    assert ("Germany", "supports", "Ukraine") in triples(aid)


def test_a_noun_trigger_without_its_modifier_does_not_match():
    from kg.config import ONTOLOGY_DIR
    from kg.ontology import load_ontology

    trig = next(t for t in load_ontology(ONTOLOGY_DIR).triggers if t.property == "leads" and t.modifiers)
    assert (trig.lemma, trig.prep, trig.modifiers) == ("minister", "of", ("prime",))


def test_an_agreement_between_two_parties(extract):
    found = triples(extract("The agreement between Canada and Mexico was signed on Friday."))
    assert ("Canada", "agreesWith", "Mexico") in found or ("Mexico", "agreesWith", "Canada") in found


def test_a_subsidiary_is_owned_by_its_parent(extract):
    found = triples(extract("Hollis Software has become a wholly owned unit of Siemens, the company said."))
    assert ("Hollis Software", "subsidiaryOf", "Siemens") in found
    assert ("Siemens", "owns", "Hollis Software") in found


def test_an_affiliate_is_not_owned(extract):
    found = triples(extract("Hollis Software is an affiliate of Siemens, the company said."))
    assert ("Siemens", "owns", "Hollis Software") not in found


def test_a_place_controlled_by_a_country(extract):
    found = triples(extract("A rocket hit a school in the Moroccan-controlled Western Sahara on Sunday."))
    assert ("Morocco", "controls", "Western Sahara") in found


def test_capturing_a_town_controls_it(extract):
    assert ("Russia", "controls", "Avdiivka") in triples(extract("Russian troops captured the town of Avdiivka in February."))


def test_capturing_a_person_controls_no_place(extract):
    found = triples(extract("Ukrainian forces captured Ivan Petrov near Kharkiv."))
    assert not any(p == "controls" for _, p, _ in found)


def test_eliminating_a_named_commander_kills_him(extract):
    found = triples(extract("Israeli Air Force fighter jets eliminated Omar Haddad in a strike on Tuesday."))
    assert ("Israeli Air Force", "kills", "Omar Haddad") in found


def test_a_commander_of_a_named_organisation_serves_it(extract):
    found = triples(extract("Omar Haddad, the most senior commander of the Ansar terrorist organization, was killed."))
    assert ("Omar Haddad", "leads", "Ansar") not in found


def test_the_company_behind_a_product_makes_it(extract):
    found = triples(extract('Lena Ortiz is suing Corvid Labs, alleging that the company behind "Quillpad" broke '
                            'its contract.'))
    assert ("Corvid Labs", "produces", "Quillpad") in found


def test_originally_from_is_a_birthplace(extract):
    found = triples(extract("The judge said Ortiz, who is originally from Leeds, would be given a copy."))
    assert ("Ortiz", "bornIn", "Leeds") in found


def test_a_bare_be_from_is_no_birthplace(extract):
    found = triples(extract("Maria Costa is from the Porto office of Meridian Motors."))
    assert not any(p == "bornIn" for _, p, _ in found)


def test_a_preposition_the_parser_hangs_on_the_verb_belongs_to_the_possessed_noun_before_it(extract):
    found = triples(extract("Andy Murray, who suffered cramps in his loss to Roger Federer in the semi-final in May, "
                            "struggled early on."))
    assert ("Roger Federer", "defeats", "Andy Murray") in found
    assert ("Andy Murray", "defeats", "Roger Federer") not in found


def test_a_dateline_with_its_agency_after_a_headline_is_no_subject(extract):
    found = triples(extract("Dahl takes first title.\n\nMIAMI (AFP) — Acme's Lena Dahl won the first "
                            "title of her career at the Miami Open."))
    assert not any(s == "Miami" for s, _, _ in found)


def test_winning_the_contest_to_replace_someone_succeeds_them(extract):
    found = triples(extract("Tom Haas spoke on Monday. Haas won the contest to replace Anna Berg yesterday."))
    assert ("Tom Haas", "succeeds", "Anna Berg") in found


def test_a_deal_worth_a_sum_to_buy_is_bought_by_who_signed_it(extract):
    found = triples(extract("Norway signed a contract on Monday worth about $2 billion to buy a batch of Leopard 2 "
                            "tanks from Krauss-Maffei Wegmann."))
    assert any(s == "Norway" and p == "acquires" and "Leopard" in o for s, p, o in found)


def test_rejecting_a_plan_to_buy_acquires_nothing(extract):
    found = triples(extract("Norway rejected a plan to buy a batch of Leopard 2 tanks from Krauss-Maffei Wegmann."))
    assert not any(p == "acquires" for _, p, _ in found)


def test_an_infinitive_on_a_thing_is_what_the_thing_is_for(extract):
    found = triples(extract("Britain is helping Norway develop a new interceptor to destroy Shahed drones."))
    assert ("Norway", "counters", "Shahed") not in found


def test_part_of_a_country_s_negotiating_team_plays_for_no_one(extract):
    found = triples(extract("Two years ago Robert Lighthizer was part of the US team that negotiated the deal."))
    assert not any(p == "playsFor" for _, p, _ in found)


def test_calling_on_a_person_meets_them(extract):
    found = triples(extract("Prime Minister Anna Berg is expected to call on President Tom Haas on Friday."))
    assert ("Anna Berg", "meets", "Tom Haas") in found


def test_calling_on_a_country_to_act_meets_no_one(extract):
    found = triples(extract("Anna Berg called on Japan to lift its tariffs."))
    assert not any(p == "meets" for _, p, _ in found)


def test_being_unable_to_meet_meets_no_one(extract):
    assert not any(p == "meets" for _, p, _ in triples(extract("Anna Berg is unable to meet Tom Haas this week.")))


def test_titles_counted_under_a_possessed_record_are_the_possessor_s(extract):
    found = triples(extract("Andy Murray is chasing Rafael Nadal's record of fourteen French Open titles."))
    assert ("Rafael Nadal", "wins", "French Open") in found
    assert ("Andy Murray", "wins", "French Open") not in found


@pytest.mark.parametrize("text, fact", [
    ("Ann Ray was born in a small cabin in Polk County.", ("Ann Ray", "bornIn", "Polk County")),
    ("Ann Ray lives in the Tulsa suburb of Jenks.", ("Ann Ray", "livesIn", "Jenks")),
])
def test_a_dwelling_or_a_suburb_stands_for_the_place_it_is_in(extract, text, fact):
    assert fact in triples(extract(text))


def test_an_active_verb_coordinated_with_a_passive_shares_its_subject(extract):
    found = triples(extract("Tom Hale was born in Dover and grew up in Leeds."))
    assert ("Tom Hale", "bornIn", "Dover") in found and ("Tom Hale", "livesIn", "Leeds") in found


@pytest.mark.parametrize("text, fact", [
    # the parser hangs the name on the 'of' phrase's object: the subject is the person, not the country
    ("In 1872, the 30th president of the United States, Tom Brandvold, was born in Plymouth.",
     ("Tom Brandvold", "bornIn", "Plymouth")),
])
def test_a_name_after_a_title_of_a_place_is_the_titles_subject(extract, text, fact):
    found = triples(extract(text))
    assert fact in found and ("United States", "bornIn", "Plymouth") not in found, found
