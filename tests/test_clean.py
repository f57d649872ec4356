"""Tests for kg.ingest.clean: the five seed files, then one small hand-made text per rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.clean import (FOOTER_START, FURNITURE, _is_footer_start, _is_furniture, clean_source,
                             normalise_text, parse_by_line, parse_date, parse_titled_byline,
                             publisher_from_url)
from kg.ingest.read import read_corpus
from kg.models import Article, Comment, SourceText

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def seed() -> dict[str, Article]:
    sources, _ = read_corpus(CORPUS)
    return {a.doc_id: a for src in sources for a in clean_source(src)}


def src(text: str, doc_id: str = "t", **metadata: str) -> SourceText:
    return SourceText(path=f"{doc_id}.txt", name=f"{doc_id}.txt", doc_id=doc_id, text=text,
                      metadata=tuple(metadata.items()))


def one(text: str, **metadata: str) -> Article:
    articles = clean_source(src(text, **metadata))
    assert len(articles) == 1
    return articles[0]


BODY = ("The minister said the troops would be ready within weeks of a deal.\n"
        "He added that the funding had already been agreed with allies.\n")

# ---------------------------------------------------------------- the seed corpus


def test_seed_doc_ids(seed: dict[str, Article]) -> None:
    assert list(seed) == ["000", "000-2", "001", "002", "003", "004"]
    assert all(a.source.startswith(a.doc_id[:3] + "_") for a in seed.values())


def test_seed_titles(seed: dict[str, Article]) -> None:
    assert seed["000"].title is None
    assert seed["000-2"].title == "Healey: I want to send British troops to Ukraine"
    assert seed["001"].title == ("\u201cI Want To Be The Secretary Who Deploys Troops To Ukraine\u201d: "
                                 "UK Defense Secretary John Healey")
    assert seed["002"].title == "UK defense minister says he wants to be the one who deploys British troops to Ukraine"
    assert seed["003"].title == "UK Defence Secretary Signals Intent to Deploy British Troops to Ukraine"
    assert seed["004"].title is None


def test_seed_subtitles(seed: dict[str, Article]) -> None:
    assert seed["000-2"].subtitle == "Defence Secretary says UK \u2018will make 2026 the year this war ends\u2019"
    assert seed["003"].subtitle.startswith("John Healey asserts that British military presence")
    assert seed["002"].subtitle is None and seed["001"].subtitle is None


def test_seed_authors(seed: dict[str, Article]) -> None:
    assert seed["000"].authors == ("John Healey",)
    assert seed["000-2"].authors == ("Sabrina Miller", "Tony Diver")
    assert seed["001"].authors == ("Ivan Khomenko",)
    assert seed["002"].authors == seed["003"].authors == seed["004"].authors == ()


def test_seed_dates(seed: dict[str, Article]) -> None:
    assert seed["000-2"].date == "2026-02-21"
    assert seed["004"].date == "2026-02-23"
    assert seed["000"].date is None


def test_seed_url_and_publisher(seed: dict[str, Article]) -> None:
    assert seed["000-2"].url == "https://www.telegraph.co.uk/politics/2026/02/21/healey-i-want-to-send-british-troops-to-ukraine/"
    assert seed["000-2"].publisher == "The Telegraph"
    assert seed["001"].publisher == "UNITED24 Media"
    assert seed["000"].url is None


def test_seed_kind(seed: dict[str, Article]) -> None:
    assert seed["000"].kind == "opinion"  # the Defence Secretary writing as "I"
    assert [a.kind for k, a in seed.items() if k != "000"] == ["news"] * 5


def test_seed_comments_are_not_text(seed: dict[str, Article]) -> None:
    for article in seed.values():
        for comment_text in ("Minotaur Bull", "Just send in the troops", "Comment from", "Paul Rounding",
                             "I am posting articles with photos", "So simple."):
            assert comment_text not in article.text, (article.doc_id, comment_text)
    comments = seed["000-2"].comments
    assert len(comments) == 9
    assert comments[0] == Comment(author="Minotaur Bull", text=comments[0].text)
    assert comments[0].text.startswith("Just send in the troops to Ukraine, If Putin")
    assert [c.author for c in comments] == ["Minotaur Bull", "Norm Browne", "Clifford Dickinson",
                                            "Trevor Smallwood", "A Abc", "Achilles Healed", "Adam Turner",
                                            "Gert Rasmussen", "Paul Rounding"]
    assert comments[2].text.count("\n") == 4  # a comment of several lines stays one comment
    assert all(not a.comments for k, a in seed.items() if k != "000-2")


def test_seed_furniture_is_not_text(seed: dict[str, Article]) -> None:
    furniture = ("DONATE NOW", "Getty Images", "See all", "4 min read", "Category", "Latest news",
                 "Photo of Ivan Khomenko", "News Writer", "Support UNITED24", "Your donation",
                 "United, we tell the war", "We bring you stories", "https://", "date 2026-02-23",
                 "Credit:", "By John Healey", "Whitehall Correspondent", "21 February 2026", "\u2026\u2026")
    for article in seed.values():
        for junk in furniture:
            assert junk not in article.text, (article.doc_id, junk)


def test_seed_headline_and_byline_are_not_text(seed: dict[str, Article]) -> None:
    for article in seed.values():
        if article.title:
            assert article.title not in article.text
        if article.subtitle:
            assert article.subtitle not in article.text


def test_seed_credits(seed: dict[str, Article]) -> None:
    assert seed["001"].credits == ("British Defense Secretary John Healey meets with emergency workers at the "
                                   "site of a Russian drone strike in Kyiv on January 9, 2026. (Source: Getty Images)",)
    assert seed["002"].credits == ("UK Defence Secretary John Healey (Photo: Getty Images)",)
    assert seed["000-2"].credits[0].endswith("Credit: John Thys/AFP via Getty Images")


def test_seed_duplicate_paragraph_appears_once(seed: dict[str, Article]) -> None:
    assert seed["001"].text.count("He argued that a secure Europe is impossible without a strong") == 1


def test_seed_section_headings_are_dropped(seed: dict[str, Article]) -> None:
    text = seed["002"].text
    for heading in ("Coalition of the Willing and peacekeeping mission", "New aid packages",
                    "Foreign troops in Europe"):
        assert heading not in text
    assert "so-called Coalition of the Willing." in text  # the same words inside a sentence stay


def test_seed_text_starts_and_ends(seed: dict[str, Article]) -> None:
    assert seed["000"].text.startswith("More than a million casualties")
    assert seed["000"].text.endswith("Slava Ukraini.")
    assert seed["000-2"].text.startswith("John Healey has said he hopes")
    assert seed["000-2"].text.endswith("the will of the Ukrainian people.\u201d")
    assert seed["001"].text.startswith("British Defense Secretary John Healey has set an ambitious target")
    assert seed["004"].text.startswith("DEFENCE Secretary John Healey said yesterday")
    assert seed["004"].text.endswith("world socialist revolution!")


def test_seed_paragraphs_are_separated_by_blank_lines(seed: dict[str, Article]) -> None:
    paragraphs = seed["000"].text.split("\n\n")
    assert len(paragraphs) == 26
    assert "Putin thought he would win in a week." in paragraphs
    assert all("\n" not in p and p == p.strip() for a in seed.values() for p in a.text.split("\n\n"))
    assert "\u00a0" not in seed["001"].text  # no-break spaces became plain ones


# ---------------------------------------------------------------- one rule at a time


def test_headline_without_full_stop_then_body() -> None:
    article = one("Troops to deploy after ceasefire\n" + BODY)
    assert article.title == "Troops to deploy after ceasefire"
    assert article.text.startswith("The minister said")


def test_first_line_with_full_stop_is_body() -> None:
    article = one(BODY)
    assert article.title is None
    assert article.text == BODY.strip().replace("\n", "\n\n")


def test_standfirst_after_headline() -> None:
    article = one("Troops to deploy after ceasefire\nThe minister sets out a plan for the peace\n" + BODY)
    assert article.subtitle == "The minister sets out a plan for the peace"
    assert "sets out a plan" not in article.text


def test_section_label_above_headline_marks_opinion() -> None:
    article = one("Opinion\nWhy we must send troops now\n" + BODY)
    assert article.title == "Why we must send troops now"
    assert article.kind == "opinion"


def test_first_person_body_is_opinion_but_quoted_first_person_is_not() -> None:
    mine = one("I was in Kyiv last month. I saw the damage myself.\nMy view is that we must act now.\n")
    quoted = one("\u201cI was in Kyiv last month. I saw the damage myself. My view is clear,\u201d he said.\n"
                 "The minister added that \u201cI will act\u201d.\n")
    assert mine.kind == "opinion"
    assert quoted.kind == "news"


@pytest.mark.parametrize(("line", "names"), [
    ("By John Healey MP", ("John Healey",)),
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("By Jane Doe, Defence Editor, in Kyiv", ("Jane Doe",)),
    ("By Ursula von der Leyen", ("Ursula von der Leyen",)),
    ("Bypassing the rules was easy.", ()),
])
def test_by_line(line: str, names: tuple[str, ...]) -> None:
    assert parse_by_line(line) == names


def test_titled_byline() -> None:
    assert parse_titled_byline("Sabrina Miller Whitehall Correspondent. Tony Diver Associate Political Editor") \
        == ("Sabrina Miller", "Tony Diver")
    assert parse_titled_byline("Jane Doe Senior Reporter") == ("Jane Doe",)
    assert parse_titled_byline("John F. Kennedy Special Correspondent") == ("John F. Kennedy",)
    assert parse_titled_byline("The Ministry of Defence issued a statement to the editor") == ()


def test_authors_label_with_photo_line_and_role() -> None:
    article = one("Troops to deploy after ceasefire\nAuthor\nPhoto of Jane Doe\nSenior Reporter\n" + BODY)
    assert article.authors == ("Jane Doe",)
    assert "Senior Reporter" not in article.text and "Photo of" not in article.text


@pytest.mark.parametrize(("text", "iso"), [
    ("21 February 2026", "2026-02-21"),
    ("Saturday 21 February 2026 10.00 GMT", "2026-02-21"),
    ("February 21, 2026", "2026-02-21"),
    ("Feb 3rd 2026", "2026-02-03"),
    ("Published: 2026-02-21T09:30:00Z", "2026-02-21"),
    ("21 February 2026 was a Saturday.", None),
    ("The 21 soldiers", None),
])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_prefix_is_moved_to_metadata() -> None:
    article = one(" date 2026-02-23 DEFENCE Secretary John Healey said so.\n\nHe added more.\n")
    assert article.date == "2026-02-23"
    assert article.text == "DEFENCE Secretary John Healey said so.\n\nHe added more."


def test_credit_lines_are_kept_apart_and_deduplicated() -> None:
    caption = "The minister in Kyiv. (Photo: Reuters)"
    article = one(f"Troops to deploy after ceasefire\n{caption}\n{caption}\n{BODY}"
                  "Soldiers at a base. Credit: Jane Doe/AFP via Getty Images\nThe deal was signed.\n")
    assert article.credits == (caption, "Soldiers at a base. Credit: Jane Doe/AFP via Getty Images")
    assert "Photo:" not in article.text and "Credit:" not in article.text
    assert article.text.endswith("The deal was signed.")


@pytest.mark.parametrize("junk", ["DONATE NOW", "See more", "5 min read", "Share", "Advertisement", "Read more",
                                  "Sign up to our morning newsletter", "Subscribe now for \u00a31",
                                  "We use cookies to improve your experience. Accept all",
                                  "Your support keeps our reporters in the field."])
def test_furniture_lines_are_dropped(junk: str) -> None:
    article = one(f"Troops to deploy after ceasefire\n{BODY}{junk}\nThe deal was signed last night.\n")
    assert junk not in article.text
    assert article.text.endswith("The deal was signed last night.")


def test_footer_ends_the_article_and_names_the_publisher() -> None:
    article = one(f"{BODY}\nSee all\n\nSupport Kyiv Daily Media Team\n\nUnited, we tell it as it is.\n")
    assert article.text.endswith("agreed with allies.")
    assert article.publisher == "Kyiv Daily Media"


def test_url_line_ends_the_body_and_sets_publisher() -> None:
    article = one(f"{BODY}https://www.theguardian.com/world/2026/feb/21/troops\nReaders say things here.\n")
    assert article.url == "https://www.theguardian.com/world/2026/feb/21/troops"
    assert article.publisher == "The Guardian"
    assert "Readers say" not in article.text


def test_url_line_above_the_article_is_only_metadata() -> None:
    article = one(f"https://example.org/a\n{BODY}")
    assert article.url == "https://example.org/a"
    assert article.text.startswith("The minister said")


def test_publisher_from_url() -> None:
    assert publisher_from_url("https://www.telegraph.co.uk/politics/x/") == "The Telegraph"
    assert publisher_from_url("https://news.sky.com/story/x") == "Sky News"
    assert publisher_from_url("https://www.kyiv-daily.co.uk/x") == "Kyiv Daily"
    assert publisher_from_url("https://example.com") == "Example"


def test_comment_thread_after_marker() -> None:
    article = one(f"{BODY}Comments\nJane Doe\nWell said.\nSo true.\nJ Smith\nI disagree.\n")
    assert article.comments == (Comment("Jane Doe", "Well said.\nSo true."), Comment("J Smith", "I disagree."))
    assert "Well said" not in article.text


def test_separator_line_splits_articles() -> None:
    articles = clean_source(src(f"{BODY}\u2026\u2026\u2026\u2026..\nSecond story headline here\n{BODY}", doc_id="007"))
    assert [a.doc_id for a in articles] == ["007", "007-2"]
    assert articles[1].title == "Second story headline here"
    assert articles[0].title is None


def test_repeated_paragraphs_are_dropped() -> None:
    tail = "He argued that a secure Europe needs a strong and sovereign Ukraine."
    article = one(f"First point made here. {tail}\n{tail}\nShort line.\nShort line.\nThe end.\n")
    assert article.text.count(tail) == 1
    assert article.text.count("Short line.") == 1


def test_section_heading_between_paragraphs_is_dropped_but_last_line_kept() -> None:
    article = one(f"{BODY}New aid packages\n{BODY}Slava Ukraini\n")
    assert "New aid packages" not in article.text
    assert article.text.endswith("Slava Ukraini")


def test_hard_wrapped_paragraphs_are_unwrapped() -> None:
    wrapped = ("The minister said that the troops would be ready within weeks of\n"
               "a deal being signed, and that the funding had already been agreed\n"
               "with the allies who met in Paris last month.\n\n"
               "He added that the plan was ready.\n")
    article = one(wrapped)
    assert article.text == ("The minister said that the troops would be ready within weeks of a deal being "
                            "signed, and that the funding had already been agreed with the allies who met in "
                            "Paris last month.\n\nHe added that the plan was ready.")


def test_metadata_from_jsonl_or_html_is_used_directly() -> None:
    article = one(f"Troops to deploy after ceasefire\n{BODY}", title="Troops to deploy after ceasefire",
                  date="2026-02-21T10:00:00Z", url="https://www.bbc.co.uk/news/x", author="Jane Doe")
    assert article.title == "Troops to deploy after ceasefire"
    assert article.text.startswith("The minister said")  # the repeated headline is not body text
    assert article.date == "2026-02-21"
    assert article.authors == ("Jane Doe",)
    assert article.publisher == "BBC"


def test_source_without_body_gives_no_article() -> None:
    assert clean_source(src("DONATE NOW\nShare\n")) == []


GUARDIAN_LIKE = """World news
Ukraine
Zelenskyy says peace talks must include Europe
President tells Munich conference that any deal made without Kyiv will fail
Jane Doe in Munich
Sat 14 Feb 2026 12.30 GMT
Share
Volodymyr Zelenskyy speaking in Munich. Photograph: Michael Probst/AP
Volodymyr Zelenskyy has said that any peace deal agreed without Europe would not last.
Speaking in Munich, he said: "I want peace, but not at any price. I will not sign a bad deal."
Explore more on these topics
Ukraine
Russia
"""


def test_unseen_layout_labels_bare_byline_dateline_and_topic_footer() -> None:
    article = one(GUARDIAN_LIKE)
    assert article.title == "Zelenskyy says peace talks must include Europe"
    assert article.subtitle == "President tells Munich conference that any deal made without Kyiv will fail"
    assert article.authors == ("Jane Doe",)
    assert article.date == "2026-02-14"
    assert article.credits == ("Volodymyr Zelenskyy speaking in Munich. Photograph: Michael Probst/AP",)
    assert article.kind == "news"  # "I" only inside straight double quotes
    assert article.text == ("Volodymyr Zelenskyy has said that any peace deal agreed without Europe would not last."
                            "\n\nSpeaking in Munich, he said: \"I want peace, but not at any price. "
                            "I will not sign a bad deal.\"")


def test_straight_single_quotes_are_quotations_not_first_person() -> None:
    article = one("'I will act, I promise, and my team will too,' the minister said of Russia's threat.\n"
                  "'I am ready,' he added.\n")
    assert article.kind == "news"


def test_a_subheading_starting_with_more_does_not_end_the_article() -> None:
    article = one(f"{BODY}More on the funding\n{BODY.replace('minister', 'general')}")
    assert "The general said" in article.text


def test_combined_line_patterns_agree_with_each_pattern() -> None:
    lines = {line.strip() for src in read_corpus(CORPUS)[0] for line in src.text.splitlines()}
    lines |= {"DONATE NOW", "5 min read", "Share this article", "See all", "Most read", "Topics",
              "Support Kyiv Daily Media Team", "Accept all cookies", "Copyright 2026 Example"}
    for line in lines:
        assert _is_furniture(line) == (len(line) <= 200 and any(p.fullmatch(line) for p in FURNITURE))
        assert _is_footer_start(line) == (len(line) <= 80 and any(p.fullmatch(line) for p in FOOTER_START))


def test_normalise_text() -> None:
    assert normalise_text("a\r\nb\rc\u200bd\ufeff\u00a0e\u2009f\u202f") == "a\nb\ncd e f "


@pytest.mark.parametrize("text", [
    "TALLINN, Estonia (AP)",
    "OSLO (Reuters)",
    "In Tromso, volunteers collected donations for the families of the missing fishermen.",
])
def test_a_text_that_is_the_whole_article_is_kept(text: str) -> None:
    """One line that reads like a credit or a donation appeal is the article when it is all the file has."""
    articles = clean_source(src(text))
    assert [a.text for a in articles] == [text]
    assert articles[0].credits == ()


def test_a_credit_line_under_a_story_is_still_a_credit() -> None:
    articles = clean_source(src(f"{BODY}\nA ferry docks at the harbour. (Photo: Jonas Berg/AFP)\n"))
    assert "Jonas Berg" not in articles[0].text


def test_a_wire_credit_line_names_the_reporters_and_is_no_text() -> None:
    article = one("Brewer agrees deal\n\nOSLO (Reuters) - " + BODY + "\n"
                  "(Reporting by Siri Lunde in Oslo and Jon Aas; Editing by Ola Berg)\n")
    assert article.authors == ("Siri Lunde", "Jon Aas")  # the editor wrote none of it
    assert "Reporting by" not in article.text and "Ola Berg" not in article.text


def test_a_last_sentence_in_brackets_is_kept() -> None:
    article = one("Plant closes\n\n" + BODY + "(The plant is run by Acme Power.)\n")
    assert "run by Acme Power" in article.text and article.authors == ()
