"""Tests for kg.views.style: every class and community colour distinct, also to colour-blind eyes."""
from __future__ import annotations

import doctest
import math

import pytest

import kg.views.style
from kg.ontology.vocabulary import Cls
from kg.views.style import (CLASS_COLOURS, COMMUNITY_COLOURS, OTHER_COMMUNITY, PALETTE, class_colours,
                            closest_pair, lab)


def test_simulation_merges_red_and_green_for_deuteranopes():
    # a check of the check: pure red and green are far apart, and much closer to a deuteranope
    normal = math.dist(lab("#CC3311", "normal"), lab("#117733", "normal"))
    deutan = math.dist(lab("#CC3311", "deuteranopia"), lab("#117733", "deuteranopia"))
    assert normal > 60 and deutan < normal / 2


def test_palette_colours_stay_apart_for_colour_blind_eyes():
    assert len(set(PALETTE)) == len(PALETTE) == 24
    assert closest_pair(PALETTE) >= 10
    assert closest_pair([*COMMUNITY_COLOURS, OTHER_COMMUNITY]) >= 13


def test_main_classes_have_their_own_palette_colour():
    assert set(CLASS_COLOURS.values()) <= set(PALETTE)
    assert len(set(CLASS_COLOURS.values())) == len(CLASS_COLOURS)
    assert closest_pair(list(CLASS_COLOURS.values())[:12]) >= 18  # the commonest classes, farther apart still


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
    assert closest_pair(colours.values()) >= 10


def test_doctests():
    assert doctest.testmod(kg.views.style).failed == 0
