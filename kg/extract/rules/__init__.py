"""Relation rules: each a callable from a `RuleContext` (one parsed article) to Relations.

`RULES` composes them; they run in this order, and a rule may leave findings for a later one
(the funding rules tell the amount rule who gave the money). Adding a construction is a new
module here and one line in `RULES`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from kg.extract.rules.adjuncts import adjunct_relations
from kg.extract.rules.agent_nouns import agent_noun_relations
from kg.extract.rules.amounts import amounts
from kg.extract.rules.appointments import appointed_roles, predicate_roles
from kg.extract.rules.awards import award_relations
from kg.extract.rules.containment import containment, seats
from kg.extract.rules.context import RuleContext
from kg.extract.rules.courts import court_patients
from kg.extract.rules.disasters import disaster_relations
from kg.extract.rules.frames import framed_places
from kg.extract.rules.frontiers import frontier_pairs
from kg.extract.rules.funding import funding_relations
from kg.extract.rules.homes import homes
from kg.extract.rules.killing import killings
from kg.extract.rules.legislators import legislator_chambers
from kg.extract.rules.membership import membership_of, units_within
from kg.extract.rules.nationality import nationality_relations
from kg.extract.rules.open_relations import open_relations
from kg.extract.rules.origins import origins
from kg.extract.rules.outbreaks import outbreak_places
from kg.extract.rules.participants import whereabouts
from kg.extract.rules.places import administrative_units, places, wider_places
from kg.extract.rules.possessives import possessive_relations
from kg.extract.rules.relatives import whose_relations
from kg.extract.rules.results import concessions, finishes_ahead
from kg.extract.rules.roles import role_relations
from kg.extract.rules.sources import source_line_places
from kg.extract.rules.speakers import speaker_employers
from kg.extract.rules.triggers import trigger_relations
from kg.extract.rules.workplaces import workplaces
from kg.models import Relation

Rule = Callable[[RuleContext], Iterable[Relation]]

RULES: tuple[Rule, ...] = (
    trigger_relations,  # lexicon triggers: "deployed troops to", "talks with", "UK-French"
    court_patients,  # "Doyle's sentencing is set for May 3": the court or the article's judge sentences Doyle
    adjunct_relations,  # "at the invitation of Modi": Modi invites the clause's subject
    role_relations,  # "Defence Secretary John Healey", "John Healey, the Defence Secretary"
    agent_noun_relations,  # "Kennedy assassin Sirhan", "Lincoln's killer, Booth", "Modesto native George Lucas"
    killings,  # "was shot to death by Krane", "Brandt fired the bullets that killed Moreau"
    appointed_roles,  # "appointed Ingrid Solberg as chief executive"
    predicate_roles,  # "X came back as chairman of Y", "X is the chief executive of Y", "X was named a pilot"
    membership_of,  # "George Hooley of the Parachute Regiment"
    units_within,  # "the Fusion Sciences programme within the Office of Science"
    places,  # "the Rubin Observatory in Chile", "Austin, Texas"
    containment,  # "Tbilisi, the capital of Georgia", "Kenya's Tana River"
    seats,  # "Acme's Denver headquarters", "FDA headquarters in nearby Silver Spring"
    administrative_units,  # "the Vestby district of Akershus Province", "the Chilean provinces of Arica"
    framed_places,  # "In Vermont, a blaze near Elmsworth": a place inside the state the sentence opens with
    frontier_pairs,  # "the Israel-Lebanon border": the two border each other
    source_line_places,  # "Minsk ZVEZDA in Belarusian 9 Oct 95": the outlet is based in the city
    whose_relations,  # "X, whose brands include Y"
    possessive_relations,  # "Acme's Lena Dahl", "Norway's state-owned naval company NVK"
    nationality_relations,  # "Australian Oscar Piastri", "the Spaniard", "the American Williams driver"
    origins,  # "Peter Lindahl, 9, of Silverton", "TSW Meats Ltd. of Liverpool", "Chicago's First National Bank"
    legislator_chambers,  # "Sen. Ann Fry said the Senate would vote": she is a member of the Senate
    workplaces,  # "Li Qiaowen at the Institute of Optics", "Hans Kessler, 52, of the European Patent Office"
    speaker_employers,  # "Acme closed the plant, said plant chief Ann Fry": she works for Acme
    homes,  # "her native Ohio", "his Toledo hometown", "Ann Ray, a welder from Toledo"
    whereabouts,  # "Aceng was in New York": where a person was
    concessions,  # "X is set to become president after rival Y conceded": X defeats Y
    finishes_ahead,  # "X won 58% of the vote, far ahead of her rival, Y": X defeats Y
    outbreak_places,  # "a measles outbreak in rural Kansas", "X is battling an outbreak of Ebola"
    award_relations,  # "best actor for Cillian Murphy", "was named best picture"
    disaster_relations,  # "a magnitude 7.8 earthquake hit X", "the quake was centred in Y"
    funding_relations,  # "allocated £200m to equip X", "raised $40m from X"
    amounts,  # "£200 million", "17,000 soldiers": after funding, which names the money's givers
    open_relations,  # "X lifted restrictions on Y": last, so it keeps only links no typed rule stated
)


def relations(ctx: RuleContext, rules: Iterable[Rule] = RULES) -> Iterator[Relation]:
    """Every rule's relations over one article, rule by rule; a place written 'City, State' brings the
    state too."""
    for rule in rules:
        for rel in rule(ctx):
            yield rel
            yield from wider_places(ctx, rel)
