"""Fixes found by scoring the held-out articles (tests/data/unseen 207-215, then 216-226): each a construction of
wire copy that misfired on text the rules were not written from. Sentences are our own, with other names."""
from __future__ import annotations

import pytest
from conftest import one, quantities, triples

pytestmark = pytest.mark.slow


def test_agreeing_to_buy_is_no_agreement_with_the_target(extract):
    found = triples(extract("Tarvik Mining has agreed to acquire Solberg Copper for $2bn."))
    assert ("Tarvik Mining", "acquires", "Solberg Copper") in found
    assert not any(p == "agreesWith" for _, p, _ in found)


def test_coordinated_parties_still_agree(extract):
    assert ("Russia", "agreesWith", "Turkey") in triples(extract("Russia and Turkey agreed to reopen the port."))


def test_the_dateline_place_is_not_the_subject_of_the_story(extract):
    found = triples(extract('Festival\n\nCANNES, France (AP) — "The Blue Hour," a drama by the Polish director '
                            "Marek Zielinski, won the Palme d'Or at the Cannes Film Festival on Saturday."))
    assert not any(s in ("Cannes", "France") and p not in ("locatedIn",) for s, p, _ in found), found


def test_a_participle_after_the_reporting_clause_belongs_to_the_reported_one(extract):
    found = triples(extract("Ana Costa has won the presidential election with 53 percent of the vote, "
                            "the Electoral Tribunal said on Monday, defeating Vice President Rui Tavares."))
    winners = {s for s, p, o in found if p == "defeats" and o == "Rui Tavares"}
    assert winners and all("Costa" in s for s in winners), found  # not the tribunal that reported it


def test_a_vice_president_serves_and_does_not_lead(extract):
    found = triples(extract("The Nordic Investment Bank will lend 300 million euros, the bank's vice president, "
                            "Maria Holm, said in Helsinki."))
    assert ("Maria Holm", "serves", "Nordic Investment Bank") in found
    assert ("Maria Holm", "leads", "Nordic Investment Bank") not in found


def test_a_club_name_ending_in_a_team_word_is_a_team_and_plays(extract):
    found = triples(extract("Dunmore Rovers defeated Castleton Athletic 2-0 in the semi-final on Sunday."))
    assert ("Dunmore Rovers", "defeats", "Castleton Athletic") in found


def test_a_score_is_not_an_amount(extract):
    assert quantities(extract("Dunmore Rovers defeated Castleton Athletic 2-0 on Sunday.")) == []


def test_a_club_manager_coaches_it(extract):
    found = triples(extract("Dunmore Rovers defeated Castleton Athletic on Sunday.\n\n"
                            '"We were brilliant," said Dunmore Rovers manager Sean Keane.'))
    assert ("Sean Keane", "coaches", "Dunmore Rovers") in found


def test_a_nationality_noun_in_a_relative_clause_is_the_person(extract):
    found = triples(extract("Match\n\nDunmore Rovers won on Saturday, as striker Pablo Ortega scored twice.\n\n"
                            "The Uruguayan, who joined Dunmore Rovers last summer, has scored 19 goals."))
    assert not any(s == "Uruguay" and p != "locatedIn" for s, p, _ in found), found


def test_the_story_subject_hung_on_the_dateline_still_acts(extract):
    found = triples(extract("SUVA, Fiji (Reuters) - Opposition leader Mere Tuilagi has won the presidential election, "
                            "the electoral office said on Monday, defeating Prime Minister Josefa Ravu."))
    winners = {s for s, p, o in found if p == "defeats" and o == "Josefa Ravu"}
    assert winners and all("Tuilagi" in s for s in winners), found


def test_former_in_a_title_case_headline_is_not_part_of_the_name(extract):
    found = triples(extract("Former Orsk Bank Trader Jailed\n\nA former trader at Orsk Bank, Pavel Dorin, was jailed "
                            "on Friday."))
    names = {s for s, _, _ in found} | {o for _, _, o in found if isinstance(o, str)}
    assert not any(n.startswith("Former") for n in names), found


def test_a_surname_two_relatives_share_is_the_one_named_first(build_kg):
    kg = build_kg("Ostrava Software named a new chief executive on Monday, replacing Martin Vesely.\n\n"
                  "Vesely, 61, who co-founded Ostrava Software with his brother Jan Vesely, will stay on as chairman.")
    labels = {e.label for e in kg.entities if e.cls == "Person"}
    assert "Vesely" not in labels, labels


def test_an_epithet_in_apposition_describes_its_own_name_not_the_headline_s_last(extract):
    found = triples(extract("Dravan Motors teams up with Lortel Cells on Kansas plant\n\n"
                            "Dravan Motors, the Cleveland carmaker, is partnering with Lortel Cells to build a factory."))
    assert ("Dravan Motors", "locatedIn", "Cleveland") in found
    assert ("Lortel Cells", "locatedIn", "Cleveland") not in found


def test_eliminating_a_rival_in_a_contest_is_no_killing(extract):
    found = triples(extract("Carlos Alcaraz eliminated Daniil Medvedev in the quarter-finals of the Madrid Open."))
    assert not any(p == "kills" for _, p, _ in found), found


def test_an_army_that_eliminated_a_commander_killed_him(extract):
    found = triples(extract("The Israeli army said its jets had eliminated Ahmed Karimi, a senior commander, in Tyre."))
    assert any(p == "kills" and o == "Ahmed Karimi" for _, p, o in found), found


def test_calling_on_someone_to_act_is_no_visit(extract):
    found = triples(extract("The mayor called on Governor Ron Kessler to resign."))
    assert not any(p == "meets" for _, p, _ in found), found


def test_a_nationality_noun_no_one_stands_for_is_not_the_country(extract):
    found = triples(extract("Boxing\n\nThe Mexican, who lost to Oleksandr Usyk last year, said he would fight again."))
    assert not any("Mexico" in (s, o) for s, _, o in found), found


def test_a_person_s_lawyer_defends_them(extract):
    found = triples(extract("Court\n\nA federal judge in Boston sentenced former Senator Tom Riley to six years on "
                            "Tuesday.\n\nRiley's lawyer, Amy Chen, said he would appeal."))
    assert ("Amy Chen", "defends", "Tom Riley") in found
    assert ("Amy Chen", "serves", "Tom Riley") not in found


# --- articles 216-226 (one per beat of the dev set), written and given gold before any build on them


def test_a_wire_date_is_part_of_the_dateline(nlp):
    from kg.extract.arguments import in_dateline

    doc = nlp("SEOUL, Oct. 16 (Yonhap) -- The central bank cut its rate.")
    assert in_dateline(doc[0]), [t.text for t in doc]


def test_a_european_legal_form_ends_a_company_name(extract):
    ex = extract("The Finnish group Kaleva Mills Oyj said on Monday that profits rose.")[0]
    classes = {m.name: m.cls for m in ex.mentions}
    assert classes.get("Kaleva Mills") == "Company", classes
    assert "Kaleva Mills Oyj" not in classes


def test_losing_a_contract_with_someone_is_no_defeat(extract):
    found = triples(extract("Halvard Foods has struggled since losing a supply contract with the retailer "
                            "Ostmark Stores in 2022."))
    assert not any(p == "defeats" for _, p, _ in found), found


def test_it_in_a_reported_clause_is_the_speaker(extract):
    found = triples(extract("Orlen signed a supply deal with Gazprom last year. Warsaw said on Monday it would "
                            "sue Gazprom."))
    assert ("Orlen", "sues", "Gazprom") not in found
    assert any(p == "sues" and o == "Gazprom" for _, p, o in found), found  # Warsaw, or Poland it speaks for


def test_the_company_a_relative_clause_owns_is_not_its_owner(extract):
    found = triples(extract("Lindqvist Timber agreed to buy rival Korpi Board for 2 billion euros. Vaasa Mutual "
                            "Pension, the pension insurer that owns 15% of the Oulu-based company, has agreed to "
                            "tender its shares."))
    assert ("Vaasa Mutual Pension", "locatedIn", "Oulu") not in found, found


def test_a_place_opening_a_headline_clause_is_not_the_wider_place(extract):
    found = triples(extract("Shells hit river port of Ostrivka, Ukraine says 12 wounded\n\n"
                            "KYIV, Ukraine (AP) — Russia fired shells at Ostrivka overnight."))
    assert ("Ostrivka", "locatedIn", "Ukraine") not in found, found
    assert ("Kyiv", "locatedIn", "Ukraine") in found


def test_the_wire_agency_is_no_antecedent(extract):
    found = triples(extract('Wind farm\n\nNEW YORK, Aug 7 (Reuters) - A local group welcomed the decision. "It is '
                            'a good day," said its director, Maria Lopez.'))
    assert not any(o == "Reuters" for _, _, o in found), found


def test_a_title_held_at_an_institution_gives_no_residence(extract):
    # NER may take the firm for a town; only a place written in the title ('a Tulsa dentist') is a home
    found = triples(extract('Deal\n\n"The price is high," said Tom Hale, an analyst at Jefferies in London.'))
    assert not any(p == "livesIn" for _, p, _ in found), found



def test_a_number_set_off_after_a_name_is_an_age(extract):
    ages = quantities(extract("Crew\n\nNASA named the crew on Monday. Christina Holt, 44, an engineer, was named a "
                              "mission specialist."))
    assert any(name == "Christina Holt" and q.value == 44 and q.unit == "years of age" for name, q in ages), ages


def test_a_demonym_on_an_occupation_before_a_name_is_a_nationality(extract):
    found = triples(extract("Stage\n\nBelgian sprinter Pieter Claes of Team Vandor won the stage on Thursday, while "
                            "Colombian climber Mateo Rincon of Team Solano was second."))
    assert ("Pieter Claes", "citizenOf", "Belgium") in found, found
    assert not any(s == "Pieter Claes" and o != "Belgium" for s, p, o in found if p == "citizenOf"), found


def test_a_former_holder_does_not_lead_by_the_gazetteer(extract):
    found = triples(extract("Vote\n\nThe economist has been likened to former President Donald Trump."))
    assert not any(p == "leads" for _, p, _ in found), found


def test_a_named_prize_is_won(extract):
    found = triples(extract("Prize\n\nLONDON (AP) — Ghanaian writer Ama Owusu won the Halloran Prize on Tuesday for "
                            "her first novel."))
    assert ("Ama Owusu", "wins", "Halloran Prize") in found, found


def test_a_demonym_on_a_writer_is_a_nationality(extract):
    found = triples(extract("Prize\n\nThe shortlist included a novel by Canadian poet Owen Pryce."))
    assert ("Owen Pryce", "citizenOf", "Canada") in found, found


def test_a_phrasal_verb_is_not_its_bare_trigger(extract):
    found = triples(extract("Cycling\n\nClaes timed his sprint perfectly after his teammate Joris Mertens led him "
                            "out over the final 300 metres."))
    assert not any(p == "leads" for _, p, _ in found), found


def test_running_something_somewhere_is_no_candidacy(extract):
    found = triples(extract("Tech\n\nAisha Grant joined the company in 2015 from Oracle, where she ran the "
                            "database division."))
    assert not any(p == "candidateIn" for _, p, _ in found), found


def test_tariffs_on_a_countrys_goods_are_on_the_country(extract):
    found = triples(extract("The United States imposed tariffs on Chinese goods last year, and Beijing retaliated."))
    assert any(p == "imposesTariffsOn" and o == "China" for _, p, o in found), found


# --- from articles 227-237


def test_words_ner_put_before_an_organisation_head_stay_in_the_name(extract):
    found = triples(extract("Maria Duarte, a chemist at the Federal University of Minas Gerais, said the results "
                            "were strong. The Reserve Bank of Tarvania kept its key rate at 4% on Friday."))
    assert ("Maria Duarte", "serves", "Federal University of Minas Gerais") in found, found
    assert not any(s == "Bank of Tarvania" for s, _, _ in found), found


def test_a_short_form_after_known_as_is_the_name(build_kg):
    kg = build_kg("The work was funded by the National Institute of Marine Science, known as INCM, and by the "
                  "Tilde Foundation. INCM said it would fund a second survey.")
    assert "INCM" in one(kg, "National Institute of Marine Science").aliases


def test_a_persons_minister_serves_no_person(extract):
    found = triples(extract("Jaroslav Benes's finance minister, Olga Marek, said the budget would be cut."))
    assert not any(p == "serves" and o == "Jaroslav Benes" for _, p, o in found), found
    staff = triples(extract("Olga Marek, a spokeswoman for Jaroslav Benes, said the budget would be cut."))
    assert ("Olga Marek", "serves", "Jaroslav Benes") in staff, staff


def test_an_opposition_leader_does_not_lead_the_country(extract):
    found = triples(extract("Latvian opposition leader Ivars Ozols criticised the plan on Monday."))
    assert not any(p == "leads" for _, p, _ in found), found
    assert ("Ivars Ozols", "serves", "Latvia") in found, found


def test_who_led_the_study_leads_no_university(extract):
    found = triples(extract('"We could not believe it," said Rosa Quiroga, a geologist at the National University '
                            "of Salta who led the study."))
    assert ("Rosa Quiroga", "serves", "National University of Salta") in found, found
    assert not any(p == "leads" for _, p, _ in found), found


def test_a_brewery_name_is_a_company(extract):
    found = triples(extract("Norvik Breweries, Denmark's third-largest brewer, has agreed to buy Holm Cider for "
                            "$90 million."))
    assert ("Norvik Breweries", "acquires", "Holm Cider") in found, found


def test_a_scientists_occupation_is_a_role(extract):
    found = triples(extract("Rosa Quiroga, a palaeontologist at Tilden University, said the bones were old. "
                            "Her barrister, Tomas Ibarra, said she would appeal."))
    assert ("Rosa Quiroga", "role", "palaeontologist") in found, found
    assert ("Rosa Quiroga", "serves", "Tilden University") in found, found
    # counsel are no occupation: "her barrister" defends her (counsel_titles), which a role over 'her' would lose
    assert ("Tomas Ibarra", "defends", "Rosa Quiroga") in found, found


def test_a_country_someone_was_born_in_is_no_employer(extract):
    found = triples(extract("Amaka Eze, a Nigerian-born epidemiologist, said the campaign would reach every state."))
    assert not any(p == "serves" and o == "Nigeria" for _, p, o in found), found


def test_a_capitalised_title_parts_the_company_from_its_holder(extract):
    # after a quote NER read 'Norvik Chief Executive Ann Holm' as one work of art
    found = triples(extract('"We have waited ten years for this," Norvik Chief Executive Ann Holm said on Monday.'))
    assert ("Ann Holm", "leads", "Norvik") in found, found


def test_a_based_adjective_on_a_noun_before_a_name_places_the_name(extract):
    found = triples(extract("The Oslo-based investor Fjord Capital sold its stake on Monday."))
    assert ("Fjord Capital", "locatedIn", "Oslo") in found, found


def test_a_demonym_on_a_qualifier_is_a_nationality(extract):
    found = triples(extract("Danish qualifier Mads Jensen beat the top seed on Sunday."))
    assert ("Mads Jensen", "citizenOf", "Denmark") in found, found


def test_a_dateline_city_is_in_its_country_when_the_story_opens_with_the_country(extract):
    found = triples(extract("Rollout\n\nLUSAKA, Zambia (Reuters) - Zambia began giving a new vaccine to children "
                            "on Monday."))
    assert ("Lusaka", "locatedIn", "Zambia") in found, found


def test_a_town_word_is_not_the_court_named_after_it(extract):
    found = extract("A former finance director of a Preston hospital trust was jailed on Friday. She was convicted "
                    "after a trial at Preston Crown Court.")
    classes = {m.cls for ex in found for m in ex.mentions if m.name == "Preston"}
    assert classes and "Court" not in classes, classes
