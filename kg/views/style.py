"""Colours of classes and communities, shared by the page, the report and the static figure.

All colours come from Paul Tol's colour-blind-safe sets (bright, vibrant, muted, light, high- and
medium-contrast, dark), 24 of them in `PALETTE`, ordered so that each is as far as it can be from
those before it: any two of the 24 differ by a CIE76 colour difference of at least 10 for normal
vision and as simulated for deuteranopia and protanopia (Machado et al. 2009), and the 12
community colours and their grey for the rest by at least 16 (`tests/test_style.py` checks both). Every class in a view gets
a colour of its own, the ontology's main classes always the same one.
"""
from __future__ import annotations

from collections.abc import Iterable

from kg.ontology.vocabulary import Cls

PALETTE = ("#4477AA", "#BBCC33", "#225522", "#DDDDDD", "#332288", "#EE6677", "#997700", "#222255",
           "#EEDD88", "#66CCEE", "#225555", "#44BB99", "#EE8866", "#AA3377", "#6699CC", "#004488",
           "#117733", "#EECC66", "#999933", "#FFAABB", "#AAAA00", "#BB5566", "#AA4499", "#33BBEE")
# Fixed colours for the ontology's main classes, so a class looks the same in every build.
CLASS_COLOURS = {
    Cls.Person: "#4477AA", Cls.Organization: "#EE6677", "GovernmentBody": "#AA3377", Cls.Company: "#EECC66",
    Cls.MilitaryUnit: "#BB5566", "MilitaryAlliance": "#332288", Cls.PoliticalParty: "#FFAABB",
    Cls.Place: "#999933", Cls.Country: "#117733", Cls.City: "#44BB99", Cls.Region: "#66CCEE",
    Cls.Weapon: "#DDDDDD", Cls.Missile: "#222255", Cls.Drone: "#997700", Cls.Event: "#EEDD88",
    Cls.Document: "#6699CC", Cls.NewsOrganization: "#EE8866", Cls.InternationalOrganization: "#AA4499",
}
# For every other class, in turn: the rest of the palette, in its order.
_SPARE = tuple(c for c in PALETTE if c not in CLASS_COLOURS.values())
# Communities: the palette's first 12 but its light grey, which would pass for the grey of the
# communities past them.
OTHER_COMMUNITY = "#CFCFCF"
COMMUNITY_COLOURS = tuple(c for c in PALETTE if c != "#DDDDDD")[:12]


def class_colours(classes: Iterable[str]) -> dict[str, str]:
    """A distinct colour for each of `classes`: the fixed one when the class has it, else the next spare.

    Spares go to classes in sorted order, so the same set of classes always gets the same colours;
    up to 24 classes get 24 distinct colours of `PALETTE`.

    Examples
    --------
    >>> sorted((str(cls), colour) for cls, colour in class_colours([Cls.Person, "Frigate"]).items())
    [('Frigate', '#BBCC33'), ('Person', '#4477AA')]
    """
    wanted = sorted(set(classes))
    taken = {CLASS_COLOURS[c] for c in wanted if c in CLASS_COLOURS}
    # first the colours no class owns, then those of main classes absent from this view
    spare = [*_SPARE, *(c for c in PALETTE if c not in _SPARE and c not in taken)]
    result = {}
    for cls in wanted:
        if cls in CLASS_COLOURS:
            result[cls] = CLASS_COLOURS[cls]
        else:
            # past the palette, a grey derived from the position keeps the map total (rare: 25+ classes)
            result[cls] = spare.pop(0) if spare else "#" + f"{0x60 + 8 * (len(result) % 16):02x}" * 3
    return result


def class_colour(cls: str) -> str:
    """The colour of one class seen alone (the report's tables); a view colours its classes together."""
    return class_colours([cls])[cls]
