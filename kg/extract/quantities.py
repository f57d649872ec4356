"""Numbers and money read as typed values: '£200m' -> 200000000 GBP, '17,000 soldiers' -> 17000 soldier."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.tokens import Span

from kg.models import Quantity

CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
CURRENCY_WORDS = {"pound": "GBP", "pounds": "GBP", "sterling": "GBP", "dollar": "USD", "dollars": "USD",
                  "euro": "EUR", "euros": "EUR", "hryvnia": "UAH", "hryvnias": "UAH", "rouble": "RUB",
                  "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "yen": "JPY"}
MULTIPLIERS = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6, "bn": 10**9,
               "b": 10**9, "billion": 10**9, "tn": 10**12, "trillion": 10**12}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "a": 1}

MONEY = re.compile(
    r"(?P<sym>[£$€¥₴₽])\s?(?P<num>\d[\d,]*(?:\.\d+)?)[\s-]?(?P<mult>trillion|billion|million|thousand|tn|bn|mn|m|k|b)?\b"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s?(?P<mult2>trillion|billion|million|thousand|tn|bn|m|k)?\s?"
    r"(?P<word>pounds?|sterling|dollars?|euros?|hryvnias?|roubles?|rubles?|yen)\b",
    re.IGNORECASE)
PERCENT = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?:%|per ?cent\b|percent\b)", re.IGNORECASE)
AGE_UNIT = "years of age"
AGE = re.compile(r"(?P<num>\d{1,3})[\s-]years?[\s-]old", re.IGNORECASE)
COUNT = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<mult>trillion|billion|million|thousand|bn|m|k)?\b",
                   re.IGNORECASE)


def parse_number(text: str, multiplier: str | None = None) -> Decimal | None:
    """'17,000' -> 17000; '1.5', 'bn' -> 1500000000; 'ten' -> 10."""
    text = text.replace(",", "").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        if text.lower() not in NUMBER_WORDS:
            return None
        value = Decimal(NUMBER_WORDS[text.lower()])
    if multiplier:
        value *= MULTIPLIERS[multiplier.lower()]
    return value.normalize() if value == value.to_integral() else value


def parse_money(text: str) -> Quantity | None:
    """The first amount of money in the text, with its ISO 4217 currency."""
    m = MONEY.search(text)
    if m is None:
        return None
    if m.group("sym"):
        value = parse_number(m.group("num"), m.group("mult"))
        unit = CURRENCY_SYMBOLS[m.group("sym")]
    else:
        value = parse_number(m.group("num2"), m.group("mult2"))
        unit = CURRENCY_WORDS[m.group("word").lower()]
    if value is None:
        return None
    return Quantity(value=Decimal(int(value)) if value == int(value) else value, unit=unit, text=m.group(0).strip())


def parse_count(span: Span) -> Quantity | None:
    """A cardinal with the noun it counts: '17,000 North Korean soldiers' -> 17000 soldier."""
    m = COUNT.search(span.text)
    if m is None:
        return None
    value = parse_number(m.group("num"), m.group("mult"))
    if value is None:
        return None
    head = span.root.head if span.root.dep_ in ("nummod", "quantmod", "compound", "amod") else span.root
    # "a 70-person HQ": the counted noun follows the hyphen
    nxt = span.doc[span.end + 1] if span.end + 1 < len(span.doc) and span.doc[span.end].text == "-" else None
    if nxt is not None and nxt.like_num:
        return None  # 'won 3-1', 'a 2-0 win': a score or a range, not a count of anything
    unit = (nxt.lemma_ if nxt is not None else head.lemma_).lower()
    if unit == span.root.lemma_.lower():
        unit = None
    return Quantity(value=Decimal(int(value)) if value == int(value) else value, unit=unit, text=span.text)


def parse_percent(text: str) -> Quantity | None:
    """The first share in the text: 'about 56%' -> 56 percent, 'between 58.3 per cent and 60.7 per cent' -> 58.3."""
    m = PERCENT.search(text)
    value = parse_number(m.group("num")) if m else None
    if value is None:
        return None
    return Quantity(value=Decimal(int(value)) if value == int(value) else value, unit="percent", text=m.group(0))


def parse_age(text: str) -> Quantity | None:
    """An age: '61 years old', 'the 53-year-old' -> 61 / 53 with the unit 'years of age'."""
    m = AGE.search(text)
    if m is None:
        return None
    return Quantity(value=Decimal(int(m.group("num"))), unit=AGE_UNIT, text=m.group(0))
