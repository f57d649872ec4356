"""Resolution: mentions from every article become one entity per real-world thing, facts between them."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from kg.models import Entity, Extraction, Fact, KnowledgeGraph, Mention, Quantity, Source
from kg.ontology import Ontology, fold
from kg.ontology.vocabulary import Cls

# mentions that stand for an entity without naming it: never its label or an alias
UNNAMED_SOURCES = frozenset(s for s in Source if not s.is_name)
# mentions that stand for an entity only through another mention: a cluster of them alone is no entity
REFERENCE_SOURCES = frozenset(s for s in Source if s.is_reference)
SMALL_WORDS = {"of", "the", "for", "and", "on", "in"}
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "entity"


def fuzzy_key(name: str, cls: str, ontology: Ontology) -> str:
    """Spelling-blind key: 'Zelenskyy' ~ 'Zelensky', 'Shaheeds' ~ 'Shahed', 'The Telegraph' ~ 'Telegraph'."""
    text = re.sub(r"^the ", "", fold(name))
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters are transliteration noise
    if ontology.is_a(cls, Cls.Product) and text.endswith("s") and len(text) > 4:
        text = text[:-1]  # plural of a weapon or product name
    return text


def person_name_words(name: str) -> list[str]:
    """Name words without a generational suffix or regnal number: 'Robert F. Kennedy Jr.' ends 'Kennedy'."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
    return words or name.split()


def acronym_expansion(name: str, key: str, names_by_key: dict[str, set[str]],
                      classes: dict[str, Counter]) -> str | None:
    """The one key whose longer name has `name` for its initials, if `name` looks like an acronym."""
    if not (name.isupper() and 2 <= len(name) <= 6):
        return None
    expansions = [o for o, ns in names_by_key.items() if o != key and not classes[o][Cls.Person] and any(
        " " in n and initials(n) == name for n in ns)]  # 'AP' is no 'Alex Padilla'
    return expansions[0] if len(expansions) == 1 else None


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in SMALL_WORDS and w[0].isalpha()).upper()


class Resolver:
    """Clusters mentions across the corpus; every decision is a rule over names, classes and the gazetteer."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        self._base_keys: dict[tuple, str] = {}
        self.gazetteer_fuzzy = {}
        for entry in ontology.gazetteer:
            for name in (entry.name, *entry.aliases):
                self.gazetteer_fuzzy.setdefault(fuzzy_key(name, entry.cls, ontology), entry)

    def base_key(self, m: Mention) -> str:
        """The key a mention clusters under by itself: gazetteer entry, document kind or fuzzy name."""
        # It reads the name, class, source and canonical name only, and a corpus names the same
        # things again and again: work each combination out once (fuzzy_key's regexes are most of it).
        reads = (m.name, m.cls, m.source, m.canonical)
        key = self._base_keys.get(reads)
        if key is None:
            key = self._base_keys[reads] = self._base_key(m)
        return key

    def _base_key(self, m: Mention) -> str:
        if m.canonical:
            return "gaz:" + m.canonical
        if self.ontology.is_a(m.cls, Cls.Document) and m.source == Source.RULE:
            head = m.name.split(" of ")[0].split()[-1]
            return "document:" + head  # unnamed documents: one per kind ("declaration"), see README
        entry = self.gazetteer_fuzzy.get(fuzzy_key(m.name, m.cls, self.ontology))
        if entry is None and " " not in m.name:  # 'Shaheeds': a plural whatever NER took it for
            entry = self.gazetteer_fuzzy.get(fuzzy_key(m.name, Cls.Product, self.ontology))
        # NER guesses a class for an unknown single word ('Shaheeds' PERSON); the gazetteer knows better
        if entry is not None and ((entry.cls == Cls.Person) == (m.cls == Cls.Person) or " " not in m.name):
            return "gaz:" + entry.name
        return "name:" + fuzzy_key(m.name, m.cls, self.ontology)

    def cluster(self, mentions: Sequence[Mention]) -> dict[Mention, str]:
        """Mention -> cluster key; surnames, acronyms and unqualified names join their full form."""
        keys = {m: self.base_key(m) for m in mentions if m.source != Source.ROLE}
        names_by_key: dict[str, set[str]] = defaultdict(set)
        classes: dict[str, Counter] = defaultdict(Counter)
        for m, k in keys.items():
            names_by_key[k].add(m.name)
            classes[k][m.cls] += 1
        surnames, first_words = self.full_names_by_word(names_by_key, classes)
        remap: dict[str, str] = {}
        shared: dict[str, list[str]] = {}
        # a work's title, quoted or after a work noun (naming.quoted_titles, titled_works): no person's name
        work_keys = {k for m, k in keys.items() if m.cls == Cls.Product and m.source == Source.RULE}
        people: dict[Mention, str] = {}  # person mentions of a work's key, each to the person they name
        for k, names in names_by_key.items():
            if any(" " in n for n in names):
                # a single-word name can be the surname of one known person ('Healey', 'Mr Healey')
                continue
            name = min(names)  # one name, but a set's order follows the hash seed: choose by value
            if all(self.ontology.is_a(c, Cls.Place) for c in classes[k]):
                continue  # 'Neckarwestheim' the town is not 'Neckarwestheim 2' the plant, nor a person
            if all(self.ontology.is_a(c, Cls.Product) for c in classes[k]) and not classes[k][Cls.Person]:
                matches = []  # a title ('Oppenheimer' the film) is not the person it is named after
            else:
                matches = [p for p in surnames.get(name, ()) if p != k]
            if len(matches) == 1 and k in work_keys:
                # 'the film Castellane' and 'Castellane' the man it is about: only the person's mentions go to him
                people.update({m: matches[0] for m, mk in keys.items() if mk == k and m.cls == Cls.Person})
                continue
            if len(matches) == 1:
                remap[k] = matches[0]
                continue
            if len(matches) > 1:
                shared[k] = matches  # 'Keller' after 'Michael Keller' and 'his brother Paul Keller': per article
                continue
            # ... or the short form of one organisation or product ('Halvorsen' for 'Halvorsen Energy')
            firsts = [o for o in first_words.get(name, ()) if o != k and k.startswith("name:") and not matches]
            if len(firsts) == 1:
                remap[k] = firsts[0]
                continue
            if len(firsts) > 1:  # 'Hvidsten' after 'Hvidsten Breweries' and 'the Hvidsten Foundation': per article
                shared[k] = firsts
                continue
            expansion = acronym_expansion(name, k, names_by_key, classes)
            if expansion is not None:
                remap[k] = expansion
        join_longer_names(names_by_key, remap)
        out = {m: remap.get(k, k) for m, k in keys.items()}
        out.update(people)  # not people.get(m) for every mention: hashing a Mention is not cheap
        if shared:
            out.update(first_named(keys, shared))
        return out

    def full_names_by_word(self, names_by_key: dict[str, set[str]], classes: dict[str, Counter]
                           ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The keys a single word may be short for, by that word: people's by surname ('Healey'), and
        organisations', products' and events' by first word ('Halvorsen' for 'Halvorsen Energy')."""
        person_keys = [k for k, c in classes.items()
                       if c[Cls.Person] and any(" " in n for n in names_by_key[k])]
        named_keys = [k for k, c in classes.items() if k.startswith("name:") and any(
            self.ontology.is_a(cls, Cls.Organization) or self.ontology.is_a(cls, Cls.Product)
            or self.ontology.is_a(cls, Cls.Event) for cls in c)
            and any(" " in n for n in names_by_key[k])]
        return (keys_by_word(person_keys, names_by_key, lambda n: person_name_words(n)[-1]),
                keys_by_word(named_keys, names_by_key, lambda n: n.split()[0]))

    def choose_class(self, mentions: list[Mention]) -> str:
        """Gazetteer first; otherwise votes, where a vote for a class also counts for its subclasses."""
        gaz = [m.cls for m in mentions if m.source == Source.GAZETTEER]
        if gaz:
            return Counter(gaz).most_common(1)[0][0]
        named = [m for m in mentions if m.source not in UNNAMED_SOURCES] or list(mentions)
        # a short form ('Kowalczyk', 'Meridian') only joined the cluster by its name: the full name's class rules
        full = [m for m in named if " " in m.name.strip()]
        votes = Counter(m.cls for m in (full or named))
        scores = {c: sum(n for d, n in votes.items() if self.ontology.is_a(c, d)) for c in votes}
        best = max(scores.values())
        candidates = [c for c, s in scores.items() if s == best]
        # among equally supported classes prefer the most specific one
        return sorted(candidates, key=lambda c: (-len(self.ontology.classes.get(c, ())), c))[0]

    def choose_label(self, mentions: list[Mention]) -> str:
        canon = [m.canonical for m in mentions if m.canonical]
        if canon:
            return Counter(canon).most_common(1)[0][0]
        named = [m.name for m in mentions if m.source not in UNNAMED_SOURCES] or [m.name for m in mentions]
        counts = Counter(named)
        return sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n))[0]

    def resolve(self, extractions: Sequence[Extraction]) -> KnowledgeGraph:
        mentions = [m for ex in extractions for m in ex.mentions]
        mentions += [r.subject for ex in extractions for r in ex.relations]
        mentions += [r.object for ex in extractions for r in ex.relations if isinstance(r.object, Mention)]
        cluster_of = self.cluster(mentions)
        members: dict[str, list[Mention]] = defaultdict(list)
        for m, k in cluster_of.items():
            members[k].append(m)
        entities: dict[str, Entity] = {}
        key_of_cluster: dict[str, str] = {}
        for k in sorted(members):
            ms = members[k]
            if all(m.source in REFERENCE_SOURCES for m in ms):
                continue
            label = self.choose_label(ms)
            cls = self.choose_class(ms)
            slug = free_slug(slugify(label), slugify(cls), entities)
            aliases = sorted({n for m in ms if m.source not in UNNAMED_SOURCES
                              for n in (m.name, m.text.strip()) if n and n != label and "\n" not in n})
            wikidata = next((m.wikidata for m in ms if m.wikidata), None)
            docs = tuple(sorted({m.doc_id for m in ms}))
            entities[slug] = Entity(slug, label, cls, tuple(aliases), wikidata, docs, len(ms))
            key_of_cluster[k] = slug
        roles = self.role_registry(extractions, cluster_of, key_of_cluster, entities)
        written_as = usual_forms(r.object for ex in extractions for r in ex.relations if isinstance(r.object, str))
        facts: list[Fact] = []

        def speaker(r) -> str | None:  # the speaker's entity, if it is one that can speak
            key = self.entity_key(r.provenance.stated_by, cluster_of, key_of_cluster, roles, entities) \
                if r.provenance.stated_by else None
            return key if key is not None and self.ontology.is_a(entities[key].cls, Cls.Agent) else None

        for ex in extractions:
            for r in ex.relations:
                s = self.entity_key(r.subject, cluster_of, key_of_cluster, roles, entities)
                if s is None:
                    continue
                if isinstance(r.object, Mention):
                    o = self.entity_key(r.object, cluster_of, key_of_cluster, roles, entities)
                    if o is None or o == s or not self.fits(r.predicate, entities[s].cls, entities[o].cls):
                        continue
                    facts.append(Fact(s, r.predicate, o, True, r.provenance, speaker(r)))
                else:
                    if isinstance(r.object, str) and not self.fits_subject(r.predicate, entities[s].cls):
                        continue  # a role text of a mention that resolved to no person ('López Obrador' typed a party)
                    value = written_as.get(r.object, r.object) if isinstance(r.object, str) else r.object
                    facts.append(Fact(s, r.predicate, value, False, r.provenance, speaker(r)))
                if r.subject.source == Source.ROLE and r.subject.country:
                    named = r.subject.country
                    country = self.entity_key(Mention(r.subject.doc_id, 0, 0, named, named, Cls.Country,
                                                      Source.GAZETTEER, canonical=named),
                                              cluster_of, key_of_cluster, roles, entities)
                    if country is not None:  # "the Prime Minister of the UK" leads the UK
                        prop = self.ontology.lexicon.title_property(r.subject.name)
                        facts.append(Fact(s, prop, country, True, r.provenance))
        authors = tuple(sorted({(m.doc_id, key_of_cluster[cluster_of[m]]) for m in mentions
                                if m.source == Source.BYLINE and cluster_of.get(m) in key_of_cluster}))
        return KnowledgeGraph(tuple(ex.article for ex in extractions), tuple(entities.values()),
                              tuple(facts), authors)

    def fits_subject(self, prop: str, subject_cls: str) -> bool:
        return self.ontology.accepts(self.ontology.properties.get(prop, (None, None))[0], subject_cls)

    def fits(self, prop: str, subject_cls: str, object_cls: str) -> bool:
        """Whether the resolved classes still fit the property's domain and range (a mention's may not)."""
        domain, rng = self.ontology.properties.get(prop, (None, None))
        return self.ontology.accepts(domain, subject_cls) and self.ontology.accepts(rng, object_cls)

    def entity_key(self, m: Mention, cluster_of: dict, key_of_cluster: dict, roles: dict,
                   entities: dict) -> str | None:
        if m.source == Source.ROLE:
            return roles.get((m.name, m.country)) or roles.get((m.name, None))
        k = cluster_of.get(m) or self.base_key(m)
        return key_of_cluster.get(k)

    def role_registry(self, extractions: Sequence[Extraction], cluster_of: dict, key_of_cluster: dict,
                      entities: dict[str, Entity]) -> dict[tuple[str, str | None], str]:
        """'the Prime Minister' -> the one person of the corpus known to hold that title (text or gazetteer)."""
        holders: dict[str, set[str]] = defaultdict(set)
        for ex in extractions:
            for r in ex.relations:
                if r.predicate == "role" and isinstance(r.object, str):
                    key = key_of_cluster.get(cluster_of.get(r.subject, ""))
                    if key:
                        holders[fold(r.object)].add(key)
        by_label = {e.label: e.key for e in entities.values()}
        for entry in self.ontology.gazetteer:
            if entry.office and entry.name in by_label:
                holders[fold(entry.office) + "|" + (entry.country or "")].add(by_label[entry.name])
                holders[fold(entry.office)].add(by_label[entry.name])
        registry: dict[tuple[str, str | None], str] = {}
        titles = self.ontology.lexicon.all_titles
        for title in titles:
            people = {p for held, ps in holders.items() if "|" not in held and (
                held == title or held.endswith(" " + title)) for p in ps}
            if len(people) == 1:
                registry[(title, None)] = next(iter(people))
            for held, ps in holders.items():
                if held.startswith(title + "|") and len(ps) == 1:
                    registry[(title, held.split("|", 1)[1])] = next(iter(ps))
        return registry


# Words after which the rest of a name is its complement, not its head: 'University of Santa Catarina'.
COMPLEMENT_WORDS = frozenset({"of", "for", "de", "do", "da", "del", "di", "du"})


def join_longer_names(names_by_key: dict[str, set[str]], remap: dict[str, str]) -> None:
    """'the Armed Forces' -> the one 'British Armed Forces': a name of several words that ends exactly one
    longer name of the corpus joins it (in `remap`). Not a name after 'of' in it: 'Santa Catarina' the state
    is not the 'University of Santa Catarina', nor 'Costa Rica' its 'Bank of Costa Rica'."""
    endings = name_endings(names_by_key)
    for k, names in names_by_key.items():
        for n in names:
            if len(n.split()) >= 2 and n[0].isupper() and k not in remap:
                longer = [o for o in endings.get(" " + n, ()) if o != k and o not in remap]
                if len(longer) == 1 and not any(" " + n in x for x in names if x != n):
                    remap[k] = longer[0]


def name_endings(names_by_key: dict[str, set[str]]) -> dict[str, dict[str, None]]:
    """Each ending of a name from a space on (' Armed Forces' of 'British Armed Forces') -> the keys with a
    name ending so, unless the word before it is a complement word ('of'). Looking an ending up here is
    what testing every key's every name was, once per name: quadratic in the corpus."""
    endings: dict[str, dict[str, None]] = defaultdict(dict)
    for key, names in names_by_key.items():
        for name in names:
            for at, char in enumerate(name):
                before = name[:at].split() if char == " " else None
                if before and before[-1].lower() not in COMPLEMENT_WORDS:
                    endings[name[at:]][key] = None
    return endings


def keys_by_word(keys: Iterable[str], names_by_key: dict[str, set[str]],
                 word_of: Callable[[str], str]) -> dict[str, list[str]]:
    """Word -> the keys (in the order given) with a name whose `word_of` it is: the keys whose names a
    single word may be short for, found by one lookup instead of by testing every key."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for key in keys:
        for name in names_by_key[key]:
            if name.split():  # no word to take
                found[word_of(name)][key] = None
    return {word: list(ks) for word, ks in found.items()}


def first_named(keys: dict[Mention, str], shared: dict[str, list[str]]) -> dict[Mention, str]:
    """A surname several people of the corpus share is, in each article, the one of them that article named
    first before it (news names its main subject first and his relatives after: 'Michael Keller ... with his
    brother Paul Keller ... Keller said'); before any of them (a headline's 'co-founder Keller'), the one the
    article names first; in an article naming none of them, it is left alone."""
    firsts: dict[tuple[str, str], int] = {}
    sharers = {p for people in shared.values() for p in people}  # only their first mentions are asked for
    for m, k in keys.items():
        if k not in sharers:
            continue
        if (m.doc_id, k) not in firsts or m.start < firsts[(m.doc_id, k)]:
            firsts[(m.doc_id, k)] = m.start
    out: dict[Mention, str] = {}
    for m, k in keys.items():
        if k not in shared:
            continue
        named = [(firsts[(m.doc_id, p)], p) for p in shared[k] if (m.doc_id, p) in firsts]
        before = [(at, p) for at, p in named if at < m.start]
        if before or named:
            out[m] = min(before or named)[1]
    return out


def free_slug(slug: str, cls_slug: str, taken: dict[str, Entity]) -> str:
    """`slug`, else `slug-class`, else `slug-class-2`, `-3`, ...: the first not in `taken`.

    Every candidate is checked: three names with one slug must give three entities, not two."""
    if slug not in taken:
        return slug
    candidate = f"{slug}-{cls_slug}"
    counter = 2
    while candidate in taken:
        candidate = f"{slug}-{cls_slug}-{counter}"
        counter += 1
    return candidate


def usual_forms(values: Iterable[str]) -> dict[str, str]:
    """Each text value -> its usual form among those equal but for case: 'DEFENCE Secretary' (a headline's
    capitals) -> 'Defence Secretary'. The usual form is the most frequent; then the one with fewest capitals."""
    counts = Counter(values)
    best: dict[str, tuple[int, int, str]] = {}
    for form, n in counts.items():
        rank = (-n, sum(c.isupper() for c in form), form)
        best[form.casefold()] = min(best.get(form.casefold(), rank), rank)
    return {form: best[form.casefold()][2] for form in counts}


def resolve(extractions: Sequence[Extraction], ontology: Ontology) -> KnowledgeGraph:
    return Resolver(ontology).resolve(extractions)


__all__ = ["resolve", "Resolver", "slugify", "fuzzy_key", Cls.Quantity]
