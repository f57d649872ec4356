"""Tests for kg.views.style: every class and community colour distinct, also to colour-blind eyes."""
from __future__ import annotations

import doctest
import itertools
import math

import pytest

from kg.ontology.vocabulary import Cls
import kg.views.style
from kg.views.style import CLASS_COLOURS, COMMUNITY_COLOURS, OTHER_COMMUNITY, PALETTE, class_colours

# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}


def _linear(hex_colour: str) -> list[float]:
    srgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]


def _lab(hex_colour: str, seen_as: str) -> tuple[float, float, float]:
    """CIELAB (D65) of a colour as someone with `seen_as` vision sees it."""
    rgb = _linear(hex_colour)
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in SIMULATIONS[seen_as])
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def closest_pair(colours: list[str]) -> tuple[float, str, str, str]:
    """The smallest CIE76 difference between two of `colours` over the simulated visions."""
    return min((math.dist(_lab(a, v), _lab(b, v)), a, b, v)
               for v in SIMULATIONS for a, b in itertools.combinations(colours, 2))


def test_simulation_merges_red_and_green_for_deuteranopes():
    # a check of the check: pure red and green are far apart, and much closer to a deuteranope
    normal = math.dist(_lab("#CC3311", "normal"), _lab("#117733", "normal"))
    deutan = math.dist(_lab("#CC3311", "deuteranopia"), _lab("#117733", "deuteranopia"))
    assert normal > 60 and deutan < normal / 2


def test_palette_colours_stay_apart_for_colour_blind_eyes():
    assert len(set(PALETTE)) == len(PALETTE) == 24
    assert closest_pair(list(PALETTE))[0] >= 10, closest_pair(list(PALETTE))
    assert closest_pair([*COMMUNITY_COLOURS, OTHER_COMMUNITY])[0] >= 16


def test_main_classes_have_their_own_palette_colour():
    assert set(CLASS_COLOURS.values()) <= set(PALETTE)
    assert len(set(CLASS_COLOURS.values())) == len(CLASS_COLOURS)


@pytest.mark.parametrize("extra", [0, 5, 12])
def test_every_class_of_a_view_gets_a_distinct_palette_colour(extra):
    classes = [Cls.Person, Cls.Country, Cls.City, Cls.Drone] + [f"Kind{i:02d}" for i in range(extra)]
    colours = class_colours(classes)
    assert len(set(colours.values())) == len(classes)
    assert set(colours.values()) <= set(PALETTE)
    assert colours[Cls.Person] == CLASS_COLOURS[Cls.Person]  # a main class keeps its colour
    assert class_colours(reversed(classes)) == colours  # whatever order the classes come in


def test_twenty_four_classes_of_any_kind_are_told_apart():
    colours = class_colours(list(CLASS_COLOURS)[:10] + [f"Kind{i:02d}" for i in range(14)])
    assert len(set(colours.values())) == 24
    assert closest_pair(list(colours.values()))[0] >= 10


def test_doctests():
    assert doctest.testmod(kg.views.style).failed == 0
