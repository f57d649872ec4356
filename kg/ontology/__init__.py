"""Load the ontology, relation lexicon and gazetteer from `ontology/` once, as plain data."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
import yaml
from rdflib import OWL, RDF, RDFS

from kg.errors import OntologyError
from kg.rdf.ontology_graph import load_ontology_graph
from kg.ontology.lexicon import Lexicon, PropertyTriggers, RuleSettings, read_lexicon, read_rule_settings
from kg.ontology.vocabulary import KG, Cls



@dataclass(frozen=True)
class Trigger:
    """One way of stating a property: "deploy to" is lemma "deploy" with object after "to"."""

    property: str
    lemma: str
    prep: str | None  # the preposition (or particle) that introduces the object
    kind: str  # verb | noun | adjective
    reverse: bool = False  # grammatical subject is the property's object
    object_classes: frozenset[str] = frozenset()
    object_nouns: frozenset[str] = frozenset()  # what is sent must be one of these ("troops")
    subject_classes: frozenset[str] = frozenset()  # the subject must be of one of these classes
    stative: bool = False  # "is based in", "headquartered in": the passive's subject is the property's subject
    modifiers: tuple[str, ...] = ()  # words before a noun trigger's head: "prime" of "prime minister of"


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None  # for cities: the country; for people: the country they lead
    demonyms: tuple[str, ...] = ()
    office: str | None = None


@dataclass(frozen=True, eq=False)  # hashed by identity: it is loaded once and shared
class Ontology:
    classes: dict[str, tuple[str, ...]]  # class -> its superclasses, nearest first
    properties: dict[str, tuple[str | None, str | None]]  # property -> (domain, range) local names
    inverses: dict[str, str]
    symmetric: frozenset[str]
    triggers: tuple[Trigger, ...]
    lexicon: Lexicon  # lexicon.yaml, typed: triggers, pass_through, modality, titles, ...
    gazetteer: tuple[GazetteerEntry, ...]
    capital_of: dict[str, str]  # capital city name -> country name, for metonymy ("Kyiv expects")
    rules: RuleSettings  # rules.yaml: the relation rules' confidences, prepositions and distances
    graph: rdflib.Graph = field(repr=False, compare=False, hash=False)
    given_names: dict[str, str] = field(default_factory=dict, repr=False)  # folded given name -> gender, or ''

    def is_a(self, cls: str, ancestor: str) -> bool:
        return cls == ancestor or ancestor in self.classes.get(cls, ())

    def accepts(self, slot_class: str | None, cls: str) -> bool:
        """Whether an entity of class `cls` may fill a slot typed `slot_class`."""
        return slot_class is None or slot_class == Cls.Entity or self.is_a(cls, slot_class)

    @functools.cached_property
    def gazetteer_index(self) -> dict[str, GazetteerEntry]:
        """Every name, alias and demonym, folded, to its entry."""
        index: dict[str, GazetteerEntry] = {}
        for entry in self.gazetteer:
            for name in (entry.name, *entry.aliases):
                index.setdefault(fold(name), entry)
        return index

    @functools.cached_property
    def entry_by_name(self) -> dict[str, GazetteerEntry]:
        """Each entry under its own preferred name (the entity ruler's ent_id), first entry winning."""
        index: dict[str, GazetteerEntry] = {}
        for entry in self.gazetteer:
            index.setdefault(entry.name, entry)
        return index

    @functools.cached_property
    def _folded_names(self) -> dict[str, frozenset[str]]:
        names: dict[str, set[str]] = {}
        for entry in self.gazetteer:
            names.setdefault(entry.name, set()).update(fold(n) for n in (entry.name, *entry.aliases, *entry.demonyms))
        return {name: frozenset(folded) for name, folded in names.items()}

    def folded_names(self, name: str) -> frozenset[str]:
        """The folded names, aliases and demonyms of the entries called `name` (the entity ruler's ent_id)."""
        return self._folded_names.get(name, frozenset())

    @functools.cached_property
    def demonym_index(self) -> dict[str, GazetteerEntry]:
        index: dict[str, GazetteerEntry] = {}
        for entry in self.gazetteer:
            for demonym in entry.demonyms:
                index.setdefault(fold(demonym), entry)
        return index


# Memoised: extraction folds the same few thousand names and words over and over (each mention, each line's
# candidate place), and Unicode normalisation is most of a look-up's cost.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case, accent and punctuation folding for name look-ups."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("’", "'").lower().strip()
    return " ".join(text.replace(".", "").replace("'s", "").split())


def _local(iri: rdflib.term.Node) -> str:
    return str(iri).split("#")[-1].split("/")[-1]


def _parse_trigger(prop: str, text: str, kind: str, reverse: bool, classes: frozenset[str]) -> Trigger:
    words = text.lower().split()
    if kind == "noun" and len(words) > 2:
        # "prime minister of", "military aid to": the head noun is the word before the preposition, the
        # words before it modify it
        return Trigger(prop, words[-2], words[-1], kind, reverse, classes, modifiers=tuple(words[:-2]))
    return Trigger(prop, words[0], " ".join(words[1:]) or None, kind, reverse, classes)


def _load_triggers(lexicon: Lexicon, properties: dict) -> tuple[Trigger, ...]:
    triggers: list[Trigger] = []
    for name, spec in lexicon.properties.items():
        prop = spec.property or name
        if prop not in properties:
            raise OntologyError(f"lexicon.yaml: property {prop!r} is not declared in kg.ttl")
        classes = frozenset(spec.object_classes)
        subject_classes = frozenset(spec.subject_classes)
        nouns = _object_nouns(lexicon, name, spec)
        for kind, key, reverse in (("verb", "verbs", False), ("noun", "nouns", False),
                                   ("adjective", "adjectives", False), ("verb", "reverse_verbs", True),
                                   ("adjective", "reverse_adjectives", True), ("verb", "stative_verbs", False),
                                   ("noun", "reverse_nouns", True), ("adjunct", "adjunct_nouns", False)):
            for text in getattr(spec, key):
                trig = _parse_trigger(prop, str(text), kind, reverse, classes)
                triggers.append(Trigger(**{**trig.__dict__, "object_nouns": nouns, "subject_classes": subject_classes,
                                           "stative": key == "stative_verbs"}))
    return tuple(triggers)


def _object_nouns(lexicon: Lexicon, name: str, spec: PropertyTriggers) -> frozenset[str]:
    """The words of `object_nouns`, given as a list or as the name of one of the lexicon's word lists."""
    if not isinstance(spec.object_nouns, str):
        return frozenset(spec.object_nouns)
    words = lexicon.word_list(spec.object_nouns)
    if not words:
        raise OntologyError(f"lexicon.yaml: 'properties.{name}.object_nouns' names {spec.object_nouns!r}, "
                            "which is not a word list of the lexicon")
    return words


# Gazetteer sections of named things, with the class an entry has when it names none.
GAZETTEER_SECTIONS = {"regions": Cls.Region, "organizations": Cls.Organization, "news_organizations": Cls.NewsOrganization,
                      "companies": Cls.Company, "celestial_bodies": Cls.CelestialBody, "vehicles": Cls.Product,
                      "weapons": Cls.Weapon, "us_states": Cls.Region, "agencies": Cls.Government,
                      "more_companies": Cls.Company, "more_news_organizations": Cls.NewsOrganization, "events": Cls.Event,
                      "sports_teams": Cls.SportsTeam, "products": Cls.Product, "diseases": Cls.Disease}


def _load_gazetteer(data: dict) -> tuple[tuple[GazetteerEntry, ...], dict[str, str]]:
    entries: list[GazetteerEntry] = []
    capitals: dict[str, str] = {}
    for c in data.get("countries", ()):
        entries.append(GazetteerEntry(c["name"], Cls.Country, tuple(c.get("aliases", ())), c.get("wikidata"),
                                      demonyms=tuple(c.get("demonyms", ()))))
        if c.get("capital"):
            capitals[c["capital"]] = c["name"]
    cities = list(data.get("cities", ()))
    listed = {fold(n) for c in cities for n in (c["name"], *c.get("aliases", ()))}
    # every capital is a city of the gazetteer, listed or not
    cities += [{"name": capital, "country": country} for capital, country in capitals.items()
               if fold(capital) not in listed]
    for c in cities:
        entries.append(GazetteerEntry(c["name"], Cls.City, tuple(c.get("aliases", ())), c.get("wikidata"),
                                      country=c.get("country")))
    # sections whose entries are first-level divisions of one country (gazetteer.yaml's section_countries)
    section_country: dict[str, str] = data.get("section_countries") or {}
    for section, default in GAZETTEER_SECTIONS.items():
        for c in data.get(section, ()):
            entries.append(GazetteerEntry(c["name"], c.get("class", default), tuple(c.get("aliases", ())),
                                          c.get("wikidata"), country=c.get("country", section_country.get(section))))
    for p in data.get("people", ()):
        entries.append(GazetteerEntry(p["name"], Cls.Person, tuple(p.get("aliases", ())), p.get("wikidata"),
                                      country=p.get("leads"), office=p.get("office")))
    return tuple(entries), capitals


@functools.lru_cache(maxsize=4)
def load_ontology(directory: Path) -> Ontology:
    """Read kg.ttl, lexicon.yaml, rules.yaml and gazetteer.yaml; checks that they agree.

    kg.ttl (with its alignment) comes from `load_ontology_graph`, the graph the RDF stage and validation
    share, so a build parses it once; only kg: terms of it are read here (the alignment's inverses of
    schema.org terms are not ours)."""
    directory = Path(directory)
    graph = load_ontology_graph(directory)
    try:
        lexicon_data = yaml.safe_load((directory / "lexicon.yaml").read_text(encoding="utf-8"))
        rules_data = yaml.safe_load((directory / "rules.yaml").read_text(encoding="utf-8"))
        gaz_data = yaml.safe_load((directory / "gazetteer.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, SyntaxError) as err:
        raise OntologyError(f"cannot read the ontology in {directory}: {err}") from err

    parents: dict[str, set[str]] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(KG)):
            parents[_local(cls)] = {_local(p) for p in graph.objects(cls, RDFS.subClassOf)
                                    if str(p).startswith(str(KG))}
    classes = {c: tuple(_ancestors(c, parents)) for c in sorted(parents)}

    properties: dict[str, tuple[str | None, str | None]] = {}
    inverses: dict[str, str] = {}
    symmetric: set[str] = set()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            name = _local(prop)
            domain = next((_local(d) for d in graph.objects(prop, RDFS.domain)), None)
            rng = next((_local(r) for r in graph.objects(prop, RDFS.range)), None)
            properties[name] = (domain, rng)
            for inv in graph.objects(prop, OWL.inverseOf):
                if str(inv).startswith(str(KG)):
                    inverses[name] = _local(inv)
            if (prop, RDF.type, OWL.SymmetricProperty) in graph:
                symmetric.add(name)

    lexicon = read_lexicon(lexicon_data)
    rules = read_rule_settings(rules_data)
    triggers = _load_triggers(lexicon, properties)
    gazetteer, capitals = _load_gazetteer(gaz_data)
    for entry in gazetteer:
        if entry.cls not in classes:
            raise OntologyError(f"gazetteer.yaml: {entry.name!r} has class {entry.cls!r}, not declared in kg.ttl")
    return Ontology(classes, properties, inverses, frozenset(symmetric), triggers, lexicon, gazetteer, capitals,
                    rules, graph, given_names=_given_names(gaz_data))


def _given_names(data: dict) -> dict[str, str]:
    """gazetteer.yaml's given_names, folded, each to its gender ('' for the unisex ones)."""
    names: dict[str, str] = {}
    for gender, words in (data.get("given_names") or {}).items():
        for word in words:
            names.setdefault(fold(str(word)), "" if gender == "unisex" else gender)
    return names


def _ancestors(cls: str, parents: dict[str, set[str]]) -> list[str]:
    seen: list[str] = []
    todo = sorted(parents.get(cls, ()))
    while todo:
        c = todo.pop(0)
        if c not in seen:
            seen.append(c)
            todo.extend(sorted(parents.get(c, ())))
    return seen
