"""Colours of classes and communities, shared by the page, the report and the static figure.

All colours come from Paul Tol's colour-blind-safe sets (bright, vibrant, muted, light, high- and
medium-contrast, dark), 24 of them in `PALETTE`, ordered so that each (after blue, green and red
for people, countries and organisations) is as far as it can be from those before it. Any two of
the 24 differ by a CIE76 colour difference of at least 10 for normal vision and as simulated for
deuteranopia and protanopia (Machado et al. 2009); the twelve commonest classes' colours by at
least 18; the 12 community colours and their grey for the rest by at least 13
(`tests/test_style.py` checks all three). Every class in a view gets a colour of its own, the
ontology's main classes always the same one.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from kg.ontology.vocabulary import Cls

PALETTE = ("#4477AA", "#117733", "#EE6677", "#BBCC33", "#DDDDDD", "#332288", "#222255", "#EEDD88",
           "#66CCEE", "#999933", "#225555", "#44BB99", "#EE8866", "#AA3377", "#6699CC", "#004488",
           "#225522", "#EECC66", "#997700", "#FFAABB", "#AAAA00", "#BB5566", "#AA4499", "#33BBEE")
# Fixed colours for the ontology's main classes, so a class looks the same in every build: the
# twelve commonest take the palette's first twelve (any two at least 18 apart), the rest the next six.
CLASS_COLOURS = {
    Cls.Person: "#4477AA", Cls.Country: "#117733", Cls.Organization: "#EE6677", Cls.PoliticalParty: "#BBCC33",
    Cls.Region: "#DDDDDD", "GovernmentBody": "#332288", Cls.Event: "#222255", Cls.Company: "#EEDD88",
    Cls.InternationalOrganization: "#66CCEE", Cls.NewsOrganization: "#999933", Cls.MilitaryUnit: "#225555",
    Cls.City: "#44BB99",
    Cls.Drone: "#EE8866", "MilitaryAlliance": "#AA3377", Cls.Document: "#6699CC", Cls.Missile: "#004488",
    Cls.Place: "#225522", Cls.Weapon: "#997700",
}
# Communities: the palette's first 12 but its light grey, which would pass for the grey of the
# communities past them.
OTHER_COMMUNITY = "#CFCFCF"
COMMUNITY_COLOURS = tuple(c for c in PALETTE if c != "#DDDDDD")[:12]

# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB: how colours look to each vision
VISIONS = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}


def _lab_part(t: float) -> float:
    return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116


def lab(hex_colour: str, vision: str = "normal") -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour as seen with `vision` (a key of `VISIONS`).

    >>> [round(v) for v in lab("#FFFFFF")]
    [100, 0, 0]
    """
    srgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear)))) for row in VISIONS[vision])
    x = _lab_part((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047)
    y = _lab_part(0.2126 * r + 0.7152 * g + 0.0722 * b)
    z = _lab_part((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


def difference(a: str, b: str) -> float:
    """How far apart two colours are for the vision that tells them apart worst (CIE76)."""
    return min(math.dist(lab(a, v), lab(b, v)) for v in VISIONS)


def closest_pair(colours: Iterable[str]) -> float:
    """The smallest `difference` between two of `colours` (infinite for fewer than two)."""
    return min((difference(a, b) for a, b in itertools.combinations(colours, 2)), default=math.inf)


def _farthest(free: list[str], used: list[str]) -> str:
    """The free colour farthest from every used one (the palette's order breaks ties)."""
    return max(free, key=lambda c: (min((difference(c, u) for u in used), default=math.inf), -PALETTE.index(c)))


def class_colours(classes: Iterable[str]) -> dict[str, str]:
    """A distinct colour for each of `classes`: the fixed one when the class has it, else a free one.

    Classes without a fixed colour take, in sorted order, the palette colour farthest from those
    the view already uses, so the same set of classes always gets the same colours and up to 24
    classes get 24 colours of `PALETTE`.

    Examples
    --------
    >>> sorted((str(cls), colour) for cls, colour in class_colours([Cls.Person, "Frigate"]).items())
    [('Frigate', '#BBCC33'), ('Person', '#4477AA')]
    """
    wanted = sorted(set(classes))
    result = {c: CLASS_COLOURS[c] for c in wanted if c in CLASS_COLOURS}
    free = [c for c in PALETTE if c not in result.values()]
    for cls in wanted:
        if cls in result:
            continue
        if free:
            result[cls] = _farthest(free, list(result.values()))
            free.remove(result[cls])
        else:  # past the palette, a grey derived from the position keeps the map total (25+ classes)
            result[cls] = "#" + f"{0x60 + 8 * (len(result) % 16):02x}" * 3
    return {c: result[c] for c in wanted}


def class_colour(cls: str) -> str:
    """The colour of one class seen alone (the report's tables); a view colours its classes together."""
    return class_colours([cls])[cls]
