"""Tests for kg.ingest.read: each kind of unusable file is skipped with its own one-line note."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.read import (_is_binary, decode_bytes, doc_id_of, guess_language, html_to_text, markdown_to_text,
                            read_corpus)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

ENGLISH = ("The Defence Secretary said that the government would send troops to the region once a "
           "peace deal has been agreed. He added that the country was proud of the support it had "
           "given and that the allies were ready. It is a long war and they have been fighting for "
           "four years, but the people are not tired of it.\n")
FRENCH = ("Le ministre de la Défense a déclaré que le gouvernement est prêt à envoyer des troupes "
          "dans le pays pour garantir la paix. Les alliés sont d'accord avec cette décision, mais "
          "la situation reste difficile sur le terrain et les combats continuent dans l'est du pays. "
          "Il a ajouté que la France est aux côtés de l'Ukraine pour une paix juste et durable.\n")
GERMAN = ("Der Verteidigungsminister sagte, dass die Regierung bereit ist, Truppen in das Land zu "
          "schicken, wenn ein Friedensabkommen unterzeichnet wird. Die Verbündeten sind mit dieser "
          "Entscheidung einverstanden, aber die Lage ist nicht einfach und die Kämpfe gehen weiter. "
          "Er sagte auch, dass Deutschland an der Seite der Ukraine steht und dass es wichtig ist.\n")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_reads_seed_corpus_sorted_with_doc_ids() -> None:
    sources, notes = read_corpus(CORPUS)
    assert [s.doc_id for s in sources] == ["000", "001", "002", "003", "004"]
    assert [s.name for s in sources] == sorted(s.name for s in sources)
    assert notes == []
    assert all(s.format == "txt" and s.text for s in sources)


def test_doc_id_is_prefix_before_underscore_else_stem() -> None:
    assert doc_id_of("000_9ef78bcf1b819068.txt") == "000"
    assert doc_id_of("healey-op-ed.txt") == "healey-op-ed"


def test_missing_folder_error_text(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InputError) as err:
        read_corpus(missing)
    assert str(err.value) == f"corpus folder not found: {missing}"


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ENGLISH)
    with pytest.raises(InputError, match="corpus folder not found"):
        read_corpus(path)


def test_folder_without_articles_error_text(tmp_path: Path) -> None:
    write(tmp_path, "photo.png", b"\x89PNG\r\n")
    write(tmp_path, "empty.txt", "")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert str(err.value) == (f"no articles found in {tmp_path}: all 1 input was skipped\n"
                              "  note: skipped empty.txt: empty file")


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "empty.txt", "  \n\n")
    sources, notes = read_corpus(tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == ["skipped empty.txt: empty file"]


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "image.txt", bytes(range(256)) * 4)
    _, notes = read_corpus(tmp_path)
    assert notes == ["skipped image.txt: binary file"]


def test_control_characters_count_as_binary(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "noise.txt", b"\x01\x02\x03\x04abc\x05\x06" * 50)
    _, notes = read_corpus(tmp_path)
    assert notes == ["skipped noise.txt: binary file"]


def test_cp1252_file_is_decoded_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "latin1.txt", ("The minister\u2019s plan costs \u00a3200m. " + ENGLISH).encode("cp1252"))
    sources, notes = read_corpus(tmp_path)
    assert notes == ["decoded latin1.txt as cp1252 (not valid UTF-8)"]
    assert "minister\u2019s plan costs \u00a3200m" in sources[0].text


def test_decode_fallbacks() -> None:
    assert decode_bytes("\ufeffcaf\u00e9".encode("utf-8")) == ("caf\u00e9", None)  # BOM dropped
    assert decode_bytes(b"\x81abc") == ("\x81abc", "latin-1")  # 0x81 is undefined in cp1252


def test_huge_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "huge.txt", ENGLISH * 10)  # over the limit in characters, under 4 bytes a character
    _, notes = read_corpus(tmp_path, max_chars=1000)
    assert notes == [f"skipped huge.txt: {len(ENGLISH) * 10:,} characters exceeds the limit of 1,000"]


def test_enormous_file_is_skipped_without_decoding(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Short. " * 3)
    write(tmp_path, "huge.txt", "x" * 5000)
    _, notes = read_corpus(tmp_path, max_chars=1000)
    assert notes == ["skipped huge.txt: 5,000 bytes exceeds the limit of 1,000 characters"]


def test_french_and_german_articles_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "le_monde.txt", FRENCH)
    write(tmp_path, "zeit.txt", GERMAN)
    sources, notes = read_corpus(tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == ["skipped le_monde.txt: not English (looks like French)",
                     "skipped zeit.txt: not English (looks like German)"]


def test_language_guess() -> None:
    assert guess_language(ENGLISH) == "English"
    assert guess_language(FRENCH) == "French"
    assert guess_language("Міністр оборони заявив, що Україна отримає нову допомогу від союзників.") == "Ukrainian"
    # An English article quoting a French phrase is still English.
    assert guess_language(ENGLISH + "He said: « la paix est possible ».") == "English"


def test_language_guess_counts_letters_only() -> None:
    assert guess_language("2026 ² ½ 3.14 -- __ ...") == "English"  # digits and marks are not letters
    assert guess_language("中文新闻报道" * 20 + " the and of") == "a non-Latin script language"
    assert guess_language("Москва " * 20 + "the and of to is that was for") == "Russian"
    # Stopwords are counted whatever their case.
    assert guess_language("LE LA LES DES DU UNE EST ET DANS POUR " * 3) == "French"


def test_control_share_threshold() -> None:
    text = b"a" * 95
    assert not _is_binary(text + b"\x01" * 5)  # 5%: not above the limit
    assert _is_binary(text + b"\x01" * 6)
    assert not _is_binary(text + b"\t\n\r\x0c\x1b" * 6)  # whitespace and ESC are not control noise


@pytest.mark.skipif(os.name != "posix", reason="chmod semantics")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    secret = write(tmp_path, "secret.txt", ENGLISH)
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as a user (root) who can read a chmod 000 file")
        sources, notes = read_corpus(tmp_path)
    finally:
        secret.chmod(0o644)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == ["skipped secret.txt: permission denied"]


def test_permission_error_is_a_note_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "secret.txt", ENGLISH)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    sources, notes = read_corpus(tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == ["skipped secret.txt: permission denied"]


def test_hidden_other_and_readme_files_are_ignored_silently(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, ".draft.txt", ENGLISH)
    write(tmp_path, "notes.docx", ENGLISH)
    write(tmp_path, "README.md", "# Corpus\n\n" + ENGLISH)
    (tmp_path / "sub.txt").mkdir()
    sources, notes = read_corpus(tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == []


def test_markdown_is_stripped_and_title_taken(tmp_path: Path) -> None:
    md = ("# Healey wants troops in Ukraine\n\n"
          "The **Defence Secretary** said that [the plan](https://example.com/plan) was _ready_.\n\n"
          "![a photo](photo.jpg)\n\n"
          "## Funding\n\n- It costs £200m.\n\n> He added that it was the right thing to do.\n")
    write(tmp_path, "healey.md", md)
    sources, _ = read_corpus(tmp_path)
    src = sources[0]
    assert src.format == "md"
    assert dict(src.metadata)["title"] == "Healey wants troops in Ukraine"
    assert "The Defence Secretary said that the plan was ready." in src.text
    for syntax in ("#", "**", "](", "![", "> ", "- It"):
        assert syntax not in src.text
    assert "photo" not in src.text


def test_markdown_front_matter() -> None:
    text, meta = markdown_to_text("---\ntitle: A title\nauthor: Jane Doe, John Roe\ndate: 2026-02-21\n---\nBody.\n")
    assert text == "Body."
    assert meta == (("title", "A title"), ("author", "Jane Doe"), ("author", "John Roe"), ("date", "2026-02-21"))


HTML = """<!doctype html><html lang="en"><head>
<title>Healey wants troops in Ukraine | The Paper</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2026-02-21T09:30:00Z">
<link rel="canonical" href="https://www.telegraph.co.uk/politics/healey/">
<script>var tracking = "the and of to";</script><style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news and the rest</a></nav>
<header><h1>The Paper</h1></header>
<main><article>
<h1>Healey: I want to send British troops</h1>
<p>The Defence Secretary said that the troops would go once there is a peace deal.</p>
<figure><img src="x.jpg" alt="a photo"><figcaption>Healey in Kyiv. Credit: AFP</figcaption></figure>
<p>He added that the &ldquo;coalition of the willing&rdquo; was ready.<script>alert(1)</script></p>
<aside>Read more: other stories</aside>
<form>Sign up to our newsletter</form>
</article></main>
<footer>Copyright The Paper</footer>
</body></html>"""


def test_html_keeps_article_text_and_metadata() -> None:
    text, meta = html_to_text(HTML)
    assert text == ("The Defence Secretary said that the troops would go once there is a peace deal.\n\n"
                    "He added that the \u201ccoalition of the willing\u201d was ready.")
    m = dict(meta)
    assert m["title"] == "Healey: I want to send British troops"
    assert m["author"] == "Jane Doe"
    assert m["date"] == "2026-02-21"
    assert m["url"] == "https://www.telegraph.co.uk/politics/healey/"
    assert m["credit"] == "Healey in Kyiv. Credit: AFP"


def test_html_file_through_read_corpus(tmp_path: Path) -> None:
    write(tmp_path, "page.htm", HTML.replace("</p>", " " + ENGLISH + "</p>", 1))
    sources, notes = read_corpus(tmp_path)
    assert notes == []
    assert sources[0].format == "html" and sources[0].doc_id == "page"
    for junk in ("tracking", "color", "Home", "World news", "Read more", "Sign up", "Copyright", "alert"):
        assert junk not in sources[0].text


def test_jsonl_one_source_per_line_and_bad_lines_are_notes(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ENGLISH, "title": "First", "date": "2026-02-21",
                    "url": "https://example.com/a", "authors": ["Jane Doe", "John Roe"]}),
        "{not json",
        "",
        json.dumps({"title": "no text"}),
        json.dumps({"text": ENGLISH}),
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    sources, notes = read_corpus(tmp_path)
    assert [s.doc_id for s in sources] == ["feed-1", "feed-5"]
    assert sources[0].metadata == (("title", "First"), ("date", "2026-02-21"), ("url", "https://example.com/a"),
                                   ("author", "Jane Doe"), ("author", "John Roe"))
    assert notes[0].startswith("skipped feed.jsonl line 2: not valid JSON")
    assert notes[1] == 'skipped feed.jsonl line 4: no "text" field'
    assert len(notes) == 2


def test_markdown_keeps_underscores_inside_words() -> None:
    text, _ = markdown_to_text("The file_name_here and 2*3*4 stay; *this* and __that__ lose their marks.")
    assert text == "The file_name_here and 2*3*4 stay; this and that lose their marks."
