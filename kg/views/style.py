"""Colours of classes and communities, shared by the page, the report and the static figure.

The palettes are Paul Tol's colour-blind-safe sets (bright, muted, light); every class in a view
gets a colour of its own, the ontology's main classes always the same one.
"""
from __future__ import annotations

from collections.abc import Iterable

from kg.ontology.vocabulary import Cls

# Fixed colours for the ontology's main classes, so a class looks the same in every build.
CLASS_COLOURS = {
    Cls.Person: "#4477AA", Cls.Organization: "#EE6677", "GovernmentBody": "#AA3377", Cls.Company: "#CCBB44",
    Cls.MilitaryUnit: "#882255", "MilitaryAlliance": "#332288", Cls.PoliticalParty: "#CC6677",
    Cls.Place: "#228833", Cls.Country: "#117733", Cls.City: "#44AA99", Cls.Region: "#99DDFF",
    Cls.Weapon: "#BBBBBB", Cls.Missile: "#555555", Cls.Drone: "#999933", Cls.Event: "#DDCC77",
    Cls.Document: "#66CCEE", Cls.NewsOrganization: "#EE8866", Cls.InternationalOrganization: "#AA4499",
}
# For every other class, in turn: Tol's muted and light sets minus the colours fixed above.
_SPARE = ("#88CCEE", "#DDDDDD", "#77AADD", "#EEDD88", "#FFAABB", "#AAAA00", "#BBCC33", "#44BB99",
          "#0077BB", "#33BBEE", "#009988", "#EE7733", "#CC3311", "#EE3377", "#000000", "#E5C494")
# Communities: Tol's bright then muted; communities past the palette share a neutral grey.
COMMUNITY_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#332288",
                     "#117733", "#44AA99", "#999933", "#882255", "#DDCC77")
OTHER_COMMUNITY = "#CFCFCF"


def class_colours(classes: Iterable[str]) -> dict[str, str]:
    """A distinct colour for each of `classes`: the fixed one when the class has it, else the next spare.

    Spares go to classes in sorted order, so the same set of classes always gets the same colours.

    Examples
    --------
    >>> class_colours([Cls.Person, "Frigate"])
    {'Frigate': '#88CCEE', 'Person': '#4477AA'}
    """
    wanted = sorted(set(classes))
    taken = {CLASS_COLOURS[c] for c in wanted if c in CLASS_COLOURS}
    spare = [c for c in _SPARE if c not in taken]
    result = {}
    for cls in wanted:
        if cls in CLASS_COLOURS:
            result[cls] = CLASS_COLOURS[cls]
        else:
            # past the spares, a grey derived from the position keeps the map total (rare: 30+ classes)
            result[cls] = spare.pop(0) if spare else "#" + f"{0x60 + 8 * (len(result) % 16):02x}" * 3
    return result


def class_colour(cls: str) -> str:
    """The colour of one class seen alone (the report's tables); a view colours its classes together."""
    return class_colours([cls])[cls]
