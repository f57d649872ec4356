"""Generalisation: articles the rules were not written from (tests/data/unseen), scored against hand-written gold.

Forty-nine articles: 200-206 cover defence, diplomacy, business, space and science news; 207-215, written and
given gold before any build, a sport result, an election, a fraud trial, a chief executive's succession, a central
bank, an outbreak, a solar plant, a film festival and an earthquake; 216-226, also written and given gold before
any build, one per beat of the shared dev set (a state visit, a drone strike, a takeover, a rate cut, a bribery
verdict, a lunar orbiter, a cycling stage, a drug approval, a cancelled wind farm, a snap election, a book prize);
227-237, written and given gold before any build, one per beat again (a rail pact, an attack on an army post, a brewery
takeover, a stock-market debut, a fraud sentence, a fossil find, a tennis final, a vaccine rollout, a nuclear restart
loan, a presidential runoff, floods); 238-248, also written with their gold before any build and weighted to the dev
set's weakest beats (a gas pipeline, a reactor extension, a takeover, a founder's succession, a rate rise, a
regulator's fine, a pollution verdict, a missile strike, a vaccination drive, a cup final, a presidential runoff).
gold.yaml beside them lists their entities
and facts in the format of shared/eval/gold/seeds.yaml. The floors sit a little below what the extraction
reaches, so a change that makes it generalise worse fails here even when the seed and dev scores hold.
(On 207-215 alone main scored typed 0.38 at precision 0.85 before the fixes they prompted; on 216-226 alone main
at 0a56d56 scored typed 0.42 at precision 0.81, three duplicates, and 0.53 at 0.85 after the fixes they prompted;
on 227-237 alone main at bf4ff39 scored entity F1 0.86, typed 0.45, precision 0.90, two duplicates, and F1 0.90,
typed 0.54, precision 0.97, one duplicate after the fixes they prompted; 200-237 rose from typed 0.55, precision
0.88 to 0.58 and 0.91.)
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, REPO, run_kg
from rdflib import Graph, Literal, Namespace

pytestmark = pytest.mark.slow

UNSEEN = DATA / "unseen"
SCORER = REPO.parent / "shared" / "eval" / "score.py"
KG = Namespace("https://w3id.org/newskg/ontology#")
ENT = Namespace("https://w3id.org/newskg/entity/")
PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX kg: <https://w3id.org/newskg/ontology#> PREFIX ent: <https://w3id.org/newskg/entity/> "

FLOORS = {"entity_f1": 0.92, "fact_recall_typed": 0.56, "relation_precision": 0.89}
# 'Gavi, the Vaccine Alliance' is read as two names; the class kg:Moon is labelled 'moon' like the Moon (221);
# 'Ray Bellamy' in a quote after 'Raymond Bellamy' (220); 'Kano' the city beside 'Kano State' (234); 'Wembley
# Stadium' (207) and 'Wembley' (247).
MAX_DUPLICATES = 5
# 238-248, written with their gold before any build: main at 2b8d8ab scored entity F1 0.94, typed 0.50, precision
# 0.72, three duplicates; the floors sit a little below what the extraction reaches now. Their duplicates: 'Gavi' as
# above, 'BATON ROUGE, La.' (the gazetteer leaves out state abbreviations that are words), 'Tasman Harbour' after
# 'Tasman Harbour Securities'.
HELD_OUT_FLOORS = {"entity_f1": 0.92, "fact_recall_typed": 0.49, "relation_precision": 0.72}
HELD_OUT_MAX_DUPLICATES = 3
GROUPS = {"200-237": (range(200, 238), FLOORS, MAX_DUPLICATES),
          "238-248": (range(238, 249), HELD_OUT_FLOORS, HELD_OUT_MAX_DUPLICATES)}


@pytest.fixture(scope="module")
def unseen_graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unseen")
    proc = run_kg("build", str(UNSEEN), "--out", str(out), "--no-view", "--no-cache", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def graph(unseen_graph) -> Graph:
    return Graph().parse(unseen_graph)


def ask(g: Graph, where: str) -> bool:
    return bool(g.query(PREFIXES + "ASK { " + where + " }").askAnswer)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_unseen_score_floors(unseen_graph, group):
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not here ({SCORER}): the score floors cannot be checked")
    ids, floors, max_duplicates = GROUPS[group]
    docs = ",".join(str(i) for i in ids)
    proc = subprocess.run([sys.executable, str(SCORER), str(unseen_graph), str(UNSEEN / "gold.yaml"), "--docs", docs],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", summary)}
    for figure, floor in floors.items():
        assert scores[figure] >= floor, f"{group}: {figure} {scores[figure]} < {floor}\n{proc.stdout}"
    assert scores["duplicates"] <= max_duplicates, proc.stdout


@pytest.mark.parametrize("subject, predicate, obj", [
    ("european-union", "sanctions", "belarus"),                   # 200: "imposed fresh sanctions on"
    ("rasa-jankauskiene", "serves", "lithuania"),                  # 200: "Lithuanian Defence Minister X"
    ("alexander-stubb", "meets", "rasa-jankauskiene"),             # 200: "met Ms Jankauskiene"
    ("carlos-mendes", "serves", "brazil"),                         # 201: "Brazil's foreign minister, X"
    ("halvorsen-energy", "acquires", "vestby-wind"),               # 202: "has agreed to acquire"
    ("halvorsen-energy", "headquarteredIn", "oslo"),               # 202: "which is headquartered in Oslo"
    ("halvorsen-energy", "appoints", "ingrid-solberg"),            # 202: "its board had appointed X as"
    ("ingrid-solberg", "leads", "halvorsen-energy"),               # 202: "... as chief executive"
    ("lars-mikkelsen", "founds", "vestby-wind"),                   # 202: "was founded in 2009 by the engineer X"
    ("meridian-motors", "locatedIn", "detroit"),                   # 203: "X, the Detroit carmaker"
    ("austin", "locatedIn", "texas"),                              # 203: "Austin, Texas"
    ("european-space-agency", "launches", "halcyon"),              # 204: "launched its Halcyon probe"
    ("vera-c-rubin-observatory", "discovers", "2026-fk3"),         # 204: "astronomers at X said they had discovered"
    ("vera-c-rubin-observatory", "locatedIn", "chile"),            # 204: "the X Observatory in Chile"
    ("samuel-otieno", "serves", "makerere-university"),            # 205: "a plant pathologist at X"
    ("hyundai-rotem", "supplies", "romania"),                      # 206: "Romania ... to buy ... from X"
    ("romania", "borders", "ukraine"),                             # 206: "Romania, which borders Ukraine"
])
def test_expected_triples(graph, subject, predicate, obj):
    # A more specific property states the fact too ('headquartered in' is a 'located in'): the ontology in the
    # graph declares the sub-property, so the check follows rdfs:subPropertyOf from the stated predicate.
    assert ask(graph, f"ent:{subject} ?p ent:{obj} . ?p rdfs:subPropertyOf* kg:{predicate} ."), \
        (subject, predicate, obj)


@pytest.mark.parametrize("entity, cls", [
    ("halcyon", "Spacecraft"), ("europa", "Moon"), ("jupiter", "Planet"), ("2026-fk3", "Asteroid"),
    ("ariane-6", "Rocket"), ("meridian-motors", "Company"), ("stanford-university", "University"),
    ("european-space-agency", "SpaceAgency"), ("k2-black-panther", "Weapon"),
])
def test_classes(graph, entity, cls):
    assert ask(graph, f"ent:{entity} a/rdfs:subClassOf* kg:{cls}")


def test_a_plan_is_planned(graph):
    # 200: "Berlin plans to send air defence units to Estonia later this year"
    assert ask(graph, """?st rdf:subject ent:germany ; rdf:predicate kg:deploysTo ; rdf:object ent:estonia ;
                          kg:modality "planned" .""")


def test_reported_speech_names_its_speaker(graph):
    # 200: "He told reporters that Finland would increase its contribution to NATO's forward presence"
    assert ask(graph, """?st rdf:subject ent:finland ; rdf:predicate kg:contributesTo ; rdf:object ent:nato ;
                          kg:statedBy ent:alexander-stubb .""")


@pytest.mark.parametrize("where", [
    "ent:norway kg:sanctions ent:belarus",        # 200: "Norway did not join the new sanctions"
    "ent:norway kg:memberOf ent:european-union",  # 200: "since it is not a member of the EU"
    "ent:venezuela kg:attacks ent:guyana",        # 201: "denied that it intended to invade its neighbour"
])
def test_negated_or_denied_facts_are_not_asserted(graph, where):
    assert not ask(graph, where)


def test_byline_authors_are_people_not_facts(graph):
    assert (ENT["marta-kowalska"], KG.authorOf, None) in graph or ask(graph, "ent:marta-kowalska kg:authorOf ?d")
    assert not ask(graph, "ent:marta-kowalska ?p ?o . ?o a kg:Country")


def test_roles_are_literals(graph):
    roles = {str(o) for o in graph.objects(ENT["lee-sung-ho"], KG.role)}
    assert "chief executive" in roles
    assert all(isinstance(o, Literal) for o in graph.objects(None, KG.role))
