"""Constructions of the culture, courts, markets and energy beats, each read from sentences written for these
tests (different names and wording for one construction), through the real pipeline."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


# ------------------------------------------------------------------ culture: film credits and subjects

@pytest.mark.parametrize("text, fact", [
    ('The film "Past Lives", directed by Celine Song, won the top prize in Berlin.',
     ("Celine Song", "directs", "Past Lives")),
    ('Greta Gerwig directed "Little Women" in 2019.', ("Greta Gerwig", "directs", "Little Women")),
    ('Jane Campion\'s film "The Power of the Dog" won the Silver Lion.',
     ("Jane Campion", "directs", "The Power of the Dog")),
    ('Ang Lee\'s new movie "Harbor Lights" opens in Taipei next week.', ("Ang Lee", "directs", "Harbor Lights")),
])
def test_a_director_and_the_film(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ('The new thriller "Red Sky", starring Tom Hale, opens on Friday.', ("Tom Hale", "appearsIn", "Red Sky")),
    ('Netflix released "Cold Water", which stars Dwayne Johnson.', ("Dwayne Johnson", "appearsIn", "Cold Water")),
])
def test_a_work_starring_an_actor(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ('The biopic "Maestro" is about Leonard Bernstein.', ("Maestro", "about", "Leonard Bernstein")),
    ('"Tidewater," a sombre drama about Juan Perez, swept the awards.', ("Tidewater", "about", "Juan Perez")),
    ('"Lincoln" drew crowds with a long film about Abraham Lincoln.', ("Lincoln", "about", "Abraham Lincoln")),
])
def test_a_work_about_someone(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_director_who_makes_a_film_about_someone_is_not_its_subject(extract):
    found = triples(extract("Oliver Stone made a documentary about Fidel Castro."))
    assert not any(p == "about" for _, p, _ in found)


def test_a_film_titled_with_a_surname_is_not_the_person(extract):
    found = triples(extract('"Lincoln," a long historical drama, was named best picture. "Lincoln" drew crowds '
                            "with a film about Abraham Lincoln. Critics said Lincoln's world felt real."))
    assert ("Lincoln", "winsAward", "best picture") in found
    assert ("Abraham Lincoln", "winsAward", "best picture") not in found


def test_a_possessed_product_without_a_film_noun_is_not_directed(extract):
    found = triples(extract("Elon Musk's rocket Starship exploded over Texas."))
    assert not any(p == "directs" for _, p, _ in found)


# ------------------------------------------------------------------ courts: the agent a court report leaves out

@pytest.mark.parametrize("text, fact", [
    ("Mark Doyle was sentenced to nine years in prison at Leeds Crown Court.",
     ("Leeds Crown Court", "sentences", "Mark Doyle")),
    ("Tom Hill was found guilty of bribery at Denver District Court.", ("Denver District Court", "convicts", "Tom Hill")),
    ("Judge Anna Ward told the court the crimes were cruel. Mark Doyle was jailed for nine years.",
     ("Anna Ward", "sentences", "Mark Doyle")),
    ("Sara Lind was given a whole-life order on Friday. Passing sentence, Mr Justice Pryce called her crimes "
     "calculated.", ("Pryce", "sentences", "Sara Lind")),
    ("Doyle's sentencing is scheduled for May 3, Judge Anna Ward said.", ("Anna Ward", "sentences", "Doyle")),
    ("Passing sentence on Mark Doyle, Judge Anna Ward said he had shown no remorse.",
     ("Anna Ward", "sentences", "Mark Doyle")),
])
def test_a_court_act_without_its_agent_is_the_courts_or_the_judges(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_minister_of_justice_is_no_judge(extract):
    found = triples(extract("Justice Minister Ana Ruiz spoke on Monday. Mark Doyle was jailed for nine years."))
    assert not any(p == "sentences" for _, p, _ in found)


def test_two_judges_and_no_court_leave_the_agent_unsaid(extract):
    found = triples(extract("Judge Anna Ward and Judge Ben Holt heard the case. Mark Doyle was jailed for nine years."))
    assert not any(p == "sentences" for _, p, _ in found)


def test_a_place_run_into_a_court_name_is_the_court(extract):
    found = triples(extract("Tom Hill was found guilty after a trial in U.S. District Court in Denver."))
    assert ("U.S. District Court", "convicts", "Tom Hill") in found


# ------------------------------------------------------------------ markets: whose figures, who said 'it'

@pytest.mark.parametrize("text, owner, value", [
    ("Boeing's shares fell 6% to $182 on Monday.", "Boeing", 182),
    ("Shares of Intel rose 3% to nearly $31 in New York.", "Intel", 31),
    ("On Tuesday Nvidia forecast higher sales, cheering investors. The Austin, Texas-based company's "
     "stock climbed 6% in late trading to about $974.", "Nvidia", 974),
])
def test_a_companys_share_price_is_the_companys(extract, text, owner, value):
    found = {(s, float(q.value)) for s, p, q in triples(extract(text)) if p == "amount"}
    assert (owner, value) in found


def test_it_in_what_an_organisation_said_is_the_organisation(extract):
    found = triples(extract("Yonhap said that the decision by the Bank of Korea closes an era of easing. The bank "
                            "said it had dropped its pledge and decided to keep the policy rate within a 0-0.25% "
                            "range."))
    owners = {s for s, p, q in found if p == "amount" and float(q.value) == 0.25}
    assert owners == {"Bank of Korea"}


# ------------------------------------------------------------------ culture: the work a noun or an award refers to

def test_a_persons_film_with_no_title_after_it_is_the_work_titled_last(extract):
    found = triples(extract('"Red Dust" opened on Friday. Critics praised Ken Loach\'s film, and the cast.'))
    assert ("Ken Loach", "directs", "Red Dust") in found


@pytest.mark.parametrize("text, fact", [
    ('"Tidewater" was named best picture. The academy heaped awards on Ken Loach\'s movie, among them best actor '
     "for Tom Hale and best director for Loach.", ("Tom Hale", "appearsIn", "Tidewater")),
    ('Camille Dorn won the best actress award for her role in "Blue Lake".', ("Camille Dorn", "appearsIn", "Blue Lake")),
    ('The best actor prize went to Tom Hale for "Cold Spring".', ("Tom Hale", "appearsIn", "Cold Spring")),
])
def test_an_acting_award_for_a_work_puts_the_winner_in_it(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_directing_award_puts_no_one_in_the_cast(extract):
    found = triples(extract('"Tidewater" won three awards, among them best director for Ken Loach.'))
    assert ("Ken Loach", "winsAward", "best director") in found
    assert not any(p == "appearsIn" for _, p, _ in found)


@pytest.mark.parametrize("text, fact", [
    ("The best actor prize went to Tom Hale on Sunday.", ("Tom Hale", "winsAward", "best actor")),
    ("Tom Baxter won the best actor prize at the festival.", ("Tom Baxter", "winsAward", "best actor")),
])
def test_a_category_naming_a_prize(extract, text, fact):
    assert fact in triples(extract(text))


# ------------------------------------------------------------------ energy: who runs a plant

@pytest.mark.parametrize("text, fact", [
    ("The Lingen plant, operated by Siemens, restarted in May.", ("Siemens", "operates", "Lingen")),
    ("The Siemens-operated Lingen plant in Germany restarted in May.", ("Siemens", "operates", "Lingen")),
    ("Siemens runs the Lingen plant.", ("Siemens", "operates", "Lingen")),
    ("Vattenfall operates the Forsmark nuclear plant in Sweden.", ("Vattenfall", "operates", "Forsmark")),
])
def test_an_operator_and_its_plant(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_plant_named_before_its_noun_is_the_object_not_its_place(extract):
    found = triples(extract("Vattenfall operates the Forsmark nuclear plant in Sweden."))
    assert ("Vattenfall", "operates", "Sweden") not in found


# ------------------------------------------------------------------ markets: tariffs and prices in the passive

@pytest.mark.parametrize("text, owner, value", [
    ("Chile will now be charged 15 per cent duties, while Peru is to face 19 per cent levies.", "Chile", 15),
    ("Chile will now be charged 15 per cent duties, while Peru is to face 19 per cent levies.", "Peru", 19),
    ("Acme Corp was sold for $2 billion in 2019.", "Acme", 2_000_000_000),
    ("Shares in Equinor rose 3 per cent in Oslo, while bonds rallied.", "Equinor", 3),
])
def test_numbers_of_an_agentless_passive_or_a_companys_shares(extract, text, owner, value):
    found = {(s, float(q.value)) for s, p, q in triples(extract(text)) if p == "amount"}
    assert (owner, value) in found


def test_a_passive_with_its_agent_gives_the_agent_the_number(extract):
    found = {(s, float(q.value)) for s, p, q in triples(extract("Acme Corp was bought by Globex for $2 billion."))
             if p == "amount"}
    assert ("Globex", 2_000_000_000) in found and ("Acme", 2_000_000_000) not in found


# ------------------------------------------------------------------ a person described by age

@pytest.mark.parametrize("text, person, age", [
    ("Nurse Anna Berg is to spend her life in prison. On Monday the 33-year-old was found guilty of fraud.",
     "Anna Berg", 33),
    ('Ken Loach has made many films over the years, "Kes" among them. But the win is the 71-year-old filmmaker\'s first '
     "award.", "Ken Loach", 71),
])
def test_the_n_year_old_is_the_person_named_last(extract, text, person, age):
    found = {(s, float(q.value)) for s, p, q in triples(extract(text)) if p == "amount"}
    assert (person, age) in found


def test_an_age_on_a_company_noun_is_no_persons(extract):
    found = triples(extract("Maria Lopez founded Acme Corp in 1904. The 120-year-old company cut jobs."))
    assert not any(p == "amount" and s == "Maria Lopez" for s, p, _ in found)


def test_with_two_people_named_last_the_age_is_no_ones(extract):
    found = triples(extract("Tom Hale met Maria Lopez on Monday. The 33-year-old said the talks went well."))
    assert not any(p == "amount" for _, p, _ in found)


# ------------------------------------------------------------------ disasters: the quake, where it struck, how strong

def test_an_earthquake_given_a_magnitude_is_an_event_placed_where_it_struck(extract):
    found = triples(extract("A magnitude 6.4 earthquake struck western Nepal on Friday. The quake was centred "
                            "near Jajarkot, in Karnali Province."))
    quake = "magnitude 6.4 earthquake"
    assert (quake, "locatedIn", "Nepal") in found
    assert (quake, "locatedIn", "Jajarkot") in found
    assert any(s == quake and p == "amount" and float(q.value) == 6.4 for s, p, q in found)


def test_an_earthquake_attacks_no_one(extract):
    found = triples(extract("A magnitude 6.3 earthquake hit the province of Herat in Afghanistan."))
    assert not any(p == "attacks" for _, p, _ in found)


def test_a_quake_with_no_magnitude_is_no_event(extract):
    found = triples(extract("The earthquake hit Nepal on Friday."))
    assert not any(p == "locatedIn" and s.endswith("earthquake") for s, p, _ in found)


# ------------------------------------------------------------------ business: a company's country from its epithet

@pytest.mark.parametrize("text, fact", [
    ("Siemens cut 500 jobs. The German engineering group said sales fell.", ("Siemens", "locatedIn", "Germany")),
    ("Vestas won an order. The Danish turbine maker said it would hire staff.", ("Vestas", "locatedIn", "Denmark")),
    ("Nucor raised prices. The Ohio steel company said demand was strong.", ("Nucor", "locatedIn", "Ohio")),
])
def test_an_epithet_with_a_demonym_or_a_place_locates_its_company(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ("Mark Doyle was charged with fraud on Monday, District Attorney Lisa Grant said.",
     ("Lisa Grant", "charges", "Mark Doyle")),
    ("Attorney General Merrick Garland announced the case. Tom Hill was indicted on three counts.",
     ("Merrick Garland", "charges", "Tom Hill")),
])
def test_an_agentless_charge_is_the_prosecutors(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_defendants_attorney_does_not_charge_him(extract):
    found = triples(extract("Tom Hill was charged with fraud. His attorney Michael Cohen said he was innocent."))
    assert not any(p == "charges" for _, p, _ in found)
