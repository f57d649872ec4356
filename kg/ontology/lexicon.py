"""The lexicon (ontology/lexicon.yaml) and the rules' settings (ontology/rules.yaml) as typed, frozen data.

Each file is read into frozen dataclasses and validated once, when the ontology loads: an unknown
key or a value of the wrong type is an `OntologyError` naming the file and the key. Sets derived
from several lists (every title, the words of a country's own institutions) are computed here once.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Union

from kg.errors import OntologyError

Words = frozenset[str]  # looked up, never iterated for output
WordList = tuple[str, ...]  # iterated in the file's order


@dataclass(frozen=True)
class PropertyTriggers:
    """The words that state one property (`properties:` in lexicon.yaml); see the file's header."""

    property: str | None = None  # the kg.ttl property, when the entry's name is not one
    verbs: WordList = ()
    nouns: WordList = ()
    adjectives: WordList = ()
    reverse_verbs: WordList = ()
    reverse_adjectives: WordList = ()
    reverse_nouns: WordList = ()  # "his loss to Djokovic": Djokovic defeats him
    adjunct_nouns: WordList = ()  # "at the invitation of Modi": Modi does it to the clause's subject
    stative_verbs: WordList = ()
    object_classes: WordList = ()
    object_nouns: str | WordList = ()  # the words, or the name of a word list of the lexicon
    subject_classes: WordList = ()


@dataclass(frozen=True)
class Funding:
    nouns: Words = frozenset()
    purposes: Words = frozenset()
    conduits: Words = frozenset()
    receivers: Words = frozenset()


@dataclass(frozen=True)
class Research:
    nouns: Words = frozenset()
    bodies: WordList = ()  # classes
    agent_verbs: Words = frozenset()  # 'X led the study': the study is X's work here, not the body's


@dataclass(frozen=True)
class ContestResults:
    """Beating a rival in a final is winning the competition (kg/extract/rules/results.py)."""

    defeat_properties: Words = frozenset()  # properties whose subject won ("defeats")
    win_property: str = "wins"  # the property the winner then has to the competition
    final_rounds: Words = frozenset()  # "final", "decider": the round that decides the competition
    conceding_verbs: Words = frozenset()  # "after Massa conceded": the clause's subject beat him
    finishing_verbs: Words = frozenset()  # "won 58%, far ahead of rival Y", "finished ahead of Y": beat Y


@dataclass(frozen=True)
class Disasters:
    """A natural disaster the article describes by its magnitude (kg/extract/rules/disasters.py): 'a magnitude
    7.8 earthquake' is an event of its own, and 'the quake hit X', 'centred in Y' place it."""

    nouns: Words = frozenset()  # "earthquake", "quake", "tremor": the nouns naming it
    verbs: Words = frozenset()  # "hit", "strike", "centre": what it does to the places it is in


@dataclass(frozen=True)
class Outbreaks:
    """Where a disease breaks out (kg/extract/rules/outbreaks.py): 'a measles outbreak in X', 'one case of
    Ebola in Y', 'Z is battling an outbreak of cholera'."""

    nouns: Words = frozenset()  # "outbreak", "cases", "deaths": the noun a disease is counted or spread by
    verbs: Words = frozenset()  # "record", "confirm", "battle": a place that does this to an outbreak has it
    dying_verbs: Words = frozenset()  # "died of measles in X": the disease was there


@dataclass(frozen=True)
class Awards:
    """Award categories ('best actor') and the verbs that give them (kg/extract/rules/awards.py)."""

    category_heads: Words = frozenset()  # "best [actor]", "best [picture]"
    naming_verbs: Words = frozenset()  # "was named best picture"
    winning_verbs: Words = frozenset()  # "won best actress"
    prize_nouns: Words = frozenset()  # "the best actress [award]": the category names the prize
    performer_heads: Words = frozenset()  # "best [actor] for X" in a film's sentence: X appears in the film


@dataclass(frozen=True)
class Modality:
    planned: Words = frozenset()
    hypothetical: Words = frozenset()
    negating: Words = frozenset()  # verbs: "oppose sending"
    future: Words = frozenset()  # auxiliaries: "will deploy"
    negators: Words = frozenset()  # adverbs and determiners: "never deployed", "no troops"


@dataclass(frozen=True)
class Lethal:
    """Killing said by a manner or an instrument (kg/extract/rules/killing.py)."""

    verbs: Words = frozenset()  # "shoot", "stab": they kill only with a complement
    complements: Words = frozenset()  # "to death", "fatally", "dead"
    instruments: Words = frozenset()  # "the shots that killed X": whoever fired them kills
    person_verbs: Words = frozenset()  # "Booth shot Lincoln": from a named person to a named person, a killing
    aim_verbs: dict[str, str] = field(default_factory=dict)  # "fired a rifle at X": the verb and its preposition
    doer_nouns: Words = frozenset()  # "killer", "assassin": the noun stands for the one who kills
    deed_words: Words = frozenset()  # "committed the murder of X", "pleaded guilty to": the subject did it


@dataclass(frozen=True)
class NamePatterns:
    organization_heads: WordList = ()
    organization_heads_before_of: WordList = ()
    vehicle_nouns: WordList = ()
    compass_words: WordList = ()  # "West Texas", "Northern Ontario": the part of a known place is a region of its own
    unit_nouns: Words = frozenset()  # "its Nova studio": the capitalised words before one name a company unit


@dataclass(frozen=True)
class PossessiveRelation:
    """What "X's Y" states when X and Y are of these classes (`possessives.relations` in lexicon.yaml)."""

    owner: str  # class of the possessor
    named: str  # class of the name possessed
    property: str
    bare: bool = False  # only with nothing between ("Acme's Lena Dahl")
    owned: bool = False  # only with an ownership word between ("Poland's state-owned company PGZ")
    described: bool = False  # only with a common noun between ("Greece's energy regulator, the X")
    reverse: bool = False  # the possessed name is the subject ("Norris memberOf McLaren")
    heads: Words = frozenset()  # only when the last word between is one of these ("Nolan's film X": a film noun)


@dataclass(frozen=True)
class Possessives:
    ownership_words: WordList = ()
    relations: tuple[PossessiveRelation, ...] = ()  # the first whose classes fit is used
    relational_words: Words = frozenset()  # "Acme's supplier X": a tie between equals, not a possession


@dataclass(frozen=True)
class Epithets:
    """'the tech giant', 'the Texas oil company': company nouns that refer back to a company named before."""

    nouns: Words = frozenset()
    contrastive: Words = frozenset()  # 'the rival firm', 'the parent company': another one


@dataclass(frozen=True)
class Whose:
    """'X, whose brands include Y': the nouns after 'whose' and the property they state, and the listing verbs."""

    nouns: dict[str, str] = field(default_factory=dict)  # noun -> property
    reverse_nouns: dict[str, str] = field(default_factory=dict)  # noun -> property whose subject is what is listed
    verbs: Words = frozenset()


@dataclass(frozen=True)
class Homes:
    """Where a person is from, said by a home noun or 'from' (kg/extract/rules/homes.py)."""

    nouns: dict[str, str] = field(default_factory=dict)  # "hometown" -> livesIn, "native" -> bornIn
    preps: Words = frozenset()  # "a welder from Toledo", "she is from Toledo"
    # 'Ohio Gov. Ann Ray' lives in Ohio (titles.py, place_of_holder), unless the title is past ('former') or
    # names a court's or prosecutor's jurisdiction rather than a home ('U.S. District Judge')
    past_title_words: Words = frozenset()
    jurisdiction_titles: Words = frozenset()
    # 'Ann Ray, a dentist in Tulsa': besides the occupations, nouns of work done where one lives (not 'a tourist',
    # 'a suspect' or 'a victim in Tulsa', who may be passing through)
    working_nouns: Words = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """lexicon.yaml: the words of the ontology's properties and classes."""

    properties: dict[str, PropertyTriggers] = field(default_factory=dict)
    pass_through: dict[str, Words] = field(default_factory=dict)  # dependency or preposition -> nouns
    funding: Funding = Funding()
    research: Research = Research()
    co_agent_preps: WordList = ()
    location_preps: WordList = ()
    location_properties: Words = frozenset()
    presence_properties: Words = frozenset()
    compound_object_nouns: Words = frozenset()
    tally_nouns: Words = frozenset()  # "Okafor's record of five Lagos Open titles": the possessor's titles
    contest_results: ContestResults = ContestResults()
    outbreaks: Outbreaks = Outbreaks()
    awards: Awards = Awards()  # "X's Y takeover" is the takeover of Y by X  # their participants were where the event was ("met in Warsaw")
    modality: Modality = Modality()
    reporting_verbs: Words = frozenset()
    ending_verbs: Words = frozenset()  # "ending the war in X": the war is not the subject's act
    causative_verbs: Words = frozenset()
    time_preps: Words = frozenset()
    lethal: Lethal = Lethal()  # "after the assassination of X, Davis testified": a time, not his act
    speech_verbs: Words = frozenset()
    accusing_verbs: Words = frozenset()  # "accused X of helping Y": the helping is the accuser's claim
    culprit_verbs: Words = frozenset()  # "arrested X in the murder of Y": X is held to have done it
    clearing_verbs: Words = frozenset()  # "X was acquitted of the murder of Y": X is held not to have done it
    company_titles: Words = frozenset()  # 'Leica spokesman X': the one-word name before one is a company's
    legislator_titles: dict[str, WordList] = field(default_factory=dict)  # 'Sen.' -> chamber words: senate
    speaker_titles: Words = frozenset()  # 'X rose, said spokesman Y': a staff title naming no one speaks for X
    penalty_nouns: Words = frozenset()  # "X is serving a sentence for killing Y": X is held to have done it
    titles: dict[str, WordList] = field(default_factory=dict)  # property -> titles
    # a title held over a place rather than an organisation: 'governor of Kherson' governs it
    title_place_properties: dict[str, str] = field(default_factory=dict)  # property -> its place variant
    title_event_properties: dict[str, str] = field(default_factory=dict)  # property -> its event variant
    title_abbreviations: dict[str, str] = field(default_factory=dict)  # 'gov.' -> 'governor'
    department_head_titles: Words = frozenset()  # 'HHS Secretary X' heads the department
    postnominal_titles: Words = frozenset()  # 'Ben Adams KC'
    party_initials: Words = frozenset()  # 'Alex Padilla (D-Calif.)'
    possessives: Possessives = Possessives()
    whose: Whose = Whose()
    homes: Homes = Homes()
    epithets: Epithets = Epithets()
    occupations: Words = frozenset()
    honorifics: Words = frozenset()
    document_nouns: dict[str, str] = field(default_factory=dict)  # noun -> class
    class_nouns: dict[str, str] = field(default_factory=dict)  # noun -> class
    company_name_words: Words = frozenset()
    urging_phrases: Words = frozenset()  # 'call on X to act': with an infinitive after its object it urges
    intransitive_phrases: Words = frozenset()  # 'run for X' is a candidacy only with no direct object
    meaning_particles: Words = frozenset()  # 'led him out', 'backed out': a particle making another verb
    counsel_titles: Words = frozenset()  # "X's lawyer Y": Y defends X
    work_nouns: Words = frozenset()  # 'the film', "Nolan's latest movie": the titled work named last
    figure_nouns: Words = frozenset()  # "Acme's shares rose 4%": the company's figure, whose numbers are the company's
    judge_titles: Words = frozenset()  # 'Judge X', 'Mr Justice X': a court's acts with no agent are the judge's
    prosecution_acts: Words = frozenset()  # properties whose agentless passive is a prosecutor's act ("was charged")
    prosecutor_titles: Words = frozenset()  # 'District Attorney X', 'Prosecutor Y' (capitalised)
    court_acts: Words = frozenset()  # properties whose agentless passive is a court's act ("was sentenced")
    patient_nouns: dict[str, str] = field(default_factory=dict)  # "X's sentencing": noun -> property done to X
    act_nouns: Words = frozenset()  # "X, Acme's largest acquisition": X is acquired, the possessor acquires
    team_coach_titles: Words = frozenset()  # 'Riverton manager X' coaches the club
    team_name_words: Words = frozenset()  # 'Riverton United', 'Kingsbridge Rovers': a sports club's last word
    subordinate_title_words: Words = frozenset()  # 'vice president', 'deputy head': serves, does not lead
    place_apposition_nouns: Words = frozenset()  # 'X, the capital of Y': a kind of place in apposition
    seat_nouns: Words = frozenset()  # "Acme's Denver headquarters": the organisation's seat is in the place
    media_name_words: Words = frozenset()  # 'Radio', 'Television': a word naming a broadcaster or a paper
    generic_name_words: Words = frozenset()
    name_patterns: NamePatterns = NamePatterns()
    military_nouns: Words = frozenset()
    member_nouns: Words = frozenset()  # 'the Williams driver': the name before one is the member's team
    player_nouns: Words = frozenset()  # 'McLaren teammate Oscar Piastri': the team before one is the one played for
    local_office_titles: dict[str, WordList] = field(default_factory=dict)  # 'Governor X' in a region: governs it
    frontier_nouns: Words = frozenset()  # 'the Israel-Lebanon border': the two places border each other
    within_preps: Words = frozenset()  # 'the X office within Y': the unit is part of Y
    crew_titles: Words = frozenset()  # 'pilot of Orion 3': the title over a mission makes one of its crew
    disasters: Disasters = Disasters()
    person_nouns: Words = frozenset()  # 'the actress X', 'X, a retired teacher': the name is a person's
    kin_nouns: Words = frozenset()  # "X's widow": the name is a person's
    person_verbs: dict[str, WordList] = field(default_factory=dict)  # voice -> lemmas only people are subjects of
    town_part_nouns: Words = frozenset()  # "X's busiest street", "X's mayor": the name is a town's
    gendered_words: dict[str, WordList] = field(default_factory=dict)  # gender -> words marking it ('mrs', 'king')

    @functools.cached_property
    def all_titles(self) -> Words:
        return frozenset(t for group in self.titles.values() for t in group)

    @functools.cached_property
    def titles_and_occupations(self) -> Words:
        return self.all_titles | self.occupations

    def title_property(self, title: str) -> str:
        """The property a title holds its organisation or country by, the first group of `titles` (in the
        file's order) holding the title or its last words: 'chief executive' leads, 'co-founder' founds,
        'UK Defence Secretary' serves; a title in no group serves."""
        low = title.lower()
        before_last = low.replace("-", " ").split()[:-1]  # 'UK deputy prime minister', 'Latvian opposition leader'
        if any(w in self.subordinate_title_words for w in before_last):
            return "serves"  # 'the bank's vice president', 'deputy chief executive': second to the leader
        for prop, titles in self.titles.items():
            if any(low == t or low.endswith(" " + t) for t in titles):
                return prop
        return "serves"

    @functools.cached_property
    def office_titles(self) -> Words:
        """Titles of those who lead or serve: 'Defence' before one is part of the title."""
        return frozenset(t for group in ("leads", "serves") for t in self.titles.get(group, ()))

    @functools.cached_property
    def institution_words(self) -> Words:
        """Words after a country that make a country's own institution ('UK Government', 'UK Armed Forces')."""
        return self.all_titles | self.occupations | self.pass_through.get("compound", frozenset()) \
            | self.military_nouns | {"armed"}

    def word_list(self, name: str) -> Words:
        """A top-level word list named by another entry ('object_nouns: military_nouns')."""
        value = getattr(self, name, None) if name in {f.name for f in dataclasses.fields(self)} else None
        return frozenset(value) if isinstance(value, (frozenset, tuple)) else frozenset()


@dataclass(frozen=True)
class ArgumentConfidence:
    """Factors on a relation's confidence when an argument was found indirectly."""

    role: float = 1.0  # a role noun standing for a person: "the minister said"
    coref: float = 1.0  # a pronoun or description resolved to an entity


@dataclass(frozen=True)
class OpenRelationSettings:
    """rules.yaml's `open_relations`: which predicate-argument links no lexicon entry types are kept."""

    skip_verbs: Words = frozenset()  # copulas, speech and light verbs: no relation of their own
    skip_preps: Words = frozenset()  # adjuncts of time, manner, company: not an argument
    object_nouns: int = 1  # at most this many words of a light verb's object join the phrase


@dataclass(frozen=True)
class RuleSettings:
    """rules.yaml: the confidences, prepositions and distances the relation rules use."""

    confidence: dict[str, float] = field(default_factory=dict)  # rule -> confidence of its relations
    argument_confidence: ArgumentConfidence = ArgumentConfidence()
    place_preps: Words = frozenset()
    site_only_preps: Words = frozenset()  # "the air base near X": a site is there, an organisation is not based there
    frame_preps: Words = frozenset()  # "In Vermont, ...": a sentence opening with one of these and a place is framed
    frame_inner_preps: Words = frozenset()  # "In Vermont, a fire near X": X is inside the frame
    attack_preps: Words = frozenset()
    employer_preps: Words = frozenset()
    staff_preps: Words = frozenset()  # "an astronaut from Org": held at an organisation, never at a place
    workplace_preps: Words = frozenset()  # "X, an ecologist at Purdue": any noun in apposition, at an organisation
    money_preps: Words = frozenset()
    max_amount_distance: int = 0
    open_relations: OpenRelationSettings = OpenRelationSettings()


T = typing.TypeVar("T")


def read_lexicon(data: Any, file: str = "lexicon.yaml") -> Lexicon:
    """lexicon.yaml's parsed YAML as a `Lexicon`; OntologyError names the file and key of a bad entry."""
    return build(Lexicon, {} if data is None else data, file, "")


def read_rule_settings(data: Any, file: str = "rules.yaml") -> RuleSettings:
    return build(RuleSettings, {} if data is None else data, file, "")


def build(cls: type[T], data: Any, file: str, where: str) -> T:
    """A `cls` dataclass from a YAML mapping, every value converted to the field's type."""
    if not isinstance(data, dict):
        raise OntologyError(f"{file}: {where or 'the file'} should be a mapping, not {_kind(data)}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    for key in data:
        if key not in names:
            raise OntologyError(f"{file}: unknown key {_join(where, key)!r} (known: {', '.join(sorted(names))})")
    return cls(**{key: _convert(hints[key], value, file, _join(where, key)) for key, value in data.items()})


def _convert(tp: Any, value: Any, file: str, where: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return build(tp, value, file, where)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for option in (a for a in args if a is not type(None)):
            try:
                return _convert(option, value, file, where)
            except OntologyError as err:
                errors.append(err)
        raise errors[-1]
    if origin in (tuple, frozenset):
        if not isinstance(value, list):
            raise OntologyError(f"{file}: {where!r} should be a list, not {_kind(value)}")
        items = [_convert(args[0], v, file, f"{where}[{k}]") for k, v in enumerate(value)]
        return origin(items)
    if origin is dict:
        if not isinstance(value, dict):
            raise OntologyError(f"{file}: {where!r} should be a mapping, not {_kind(value)}")
        return {_convert(args[0], k, file, where): _convert(args[1], v, file, _join(where, k))
                for k, v in value.items()}
    if tp is bool and isinstance(value, bool):
        return value
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int) and isinstance(value, tp) and not isinstance(value, bool):
        return value
    raise OntologyError(f"{file}: {where!r} should be {getattr(tp, '__name__', tp)}, not {_kind(value)} "
                        f"{value!r}")


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "a boolean (quote yes/no/on/off)"}.get(
        type(value), type(value).__name__)
