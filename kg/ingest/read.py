"""Read a corpus folder into decoded `SourceText`s, skipping unusable files with a one-line note each.

Formats: .txt as is; .md with its markup stripped; .html/.htm reduced to the article's text with the
stdlib parser; .jsonl with one article per line. Metadata keys a `SourceText` may carry: title,
author (repeated, one per author), date (ISO), url, publisher, credit (repeated), language.
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from kg.errors import InputError
from kg.models import SourceText

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl")
FORMAT_OF = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
# Project files that may sit beside the articles; they are not news.
_NOT_ARTICLES = {"readme", "license", "licence", "changelog", "contributing", "notes", "index"}

_SNIFF_BYTES = 65_536
# Share of control characters (other than tab/newline/CR/form feed) above which a file is binary.
_MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))

Metadata = tuple[tuple[str, str], ...]


# ---------------------------------------------------------------- decoding


def _is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: text files have neither."""
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / max(len(sample), 1) > _MAX_CONTROL_SHARE


# Longest first: the UTF-32 little-endian BOM begins with the UTF-16 one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
         (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"))


def bom_encoding(data: bytes) -> tuple[str, str] | None:
    """The codec and name a byte-order mark announces (UTF-32 or UTF-16), or None."""
    return next(((codec, name) for bom, codec, name in _BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode by the BOM (UTF-32/16), else as UTF-8 (BOM dropped), else cp1252, else latin-1.

    Returns the text and the fallback used; a file whose BOM promises UTF-16 or UTF-32 but whose
    bytes do not decode (truncated, or binary that happens to start so) raises UnicodeDecodeError.
    """
    announced = bom_encoding(data)
    if announced:
        return data.decode(announced[0]), announced[1]
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; latin-1 maps every byte
        return data.decode("latin-1"), "latin-1"


# ---------------------------------------------------------------- language

# Frequent function words, chosen to be distinctive: words shared by two languages ("a", "in",
# "die", "se") are left out so that one short list per language is enough to tell them apart.
_STOPWORDS: dict[str, frozenset[str]] = {
    "English": frozenset(
        "the and of to is that was for with are this have from by at be which were has not but they "
        "his her their been would will who said".split()),
    "French": frozenset(
        "le la les des du une est et dans pour sur qui que pas avec sont au aux ces ont cette mais "
        "plus leur nous vous été".split()),
    "German": frozenset(
        "der das und ist nicht ein eine mit den dem des sich auf für von zu wird auch sind wurde "
        "dass bei nach oder aus".split()),
    "Spanish": frozenset(
        "el los las del una que es por para con como pero más sus fue este esta está entre sobre "
        "también ha han ya".split()),
    "Italian": frozenset(
        "il gli della delle dei che è per una con sono nel nella alla anche non più questo come "
        "stato ha hanno degli".split()),
    "Portuguese": frozenset(
        "os das dos uma não com para mais foi pelo pela são está também ao muito seu sua entre "
        "quando já".split()),
    "Dutch": frozenset(
        "het een van en niet dat zijn voor met op ook maar wordt werd naar bij door dan nog heeft "
        "hij zij".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_WORDS_TO_JUDGE = 25
_LANGUAGE_SAMPLE_CHARS = 20_000


def _letter_counts(sample: str) -> dict[str, int]:
    """How often each letter (`str.isalpha`) occurs: counted in C, tested once per distinct character."""
    return {c: n for c, n in Counter(sample).items() if c.isalpha()}


def _stopword_hits(sample: str) -> tuple[int, dict[str, int]]:
    """The number of words in `sample`, and how many of them are each language's stopwords."""
    words = Counter(map(str.lower, _WORD.findall(sample)))
    hits = {lang: sum(words[w] for w in stops) for lang, stops in _STOPWORDS.items()}
    return words.total(), hits


def guess_language(text: str) -> str:
    """Name the text's language ("English", "French", "Russian", ...) from a cheap word count."""
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    letters = _letter_counts(sample)
    total = sum(letters.values())
    if not total:
        return "English"
    cyrillic = sum(n for c, n in letters.items() if "\u0400" <= c <= "\u04ff")
    if cyrillic / total > 0.5:
        return "Ukrainian" if re.search(r"[іїєґІЇЄҐ]", sample) else "Russian"
    latin = sum(n for c, n in letters.items() if c.isascii() or "\u00c0" <= c <= "\u024f")
    if latin / total < 0.5:
        return "a non-Latin script language"
    words, hits = _stopword_hits(sample)
    if words < _MIN_WORDS_TO_JUDGE:
        return "English"  # too short to judge: give it the benefit of the doubt
    best = max(hits, key=lambda lang: hits[lang])
    # English must clearly lose, so that an English article quoting a French sentence is kept.
    if best != "English" and hits[best] > 1.5 * hits["English"] and hits[best] >= 5:
        return best
    return "English"


# ---------------------------------------------------------------- markdown

_MD_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
# Not inside words: snake_case and 2*3 are not emphasis.
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_MD_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.MULTILINE)
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def markdown_to_text(text: str) -> tuple[str, Metadata]:
    """Strip markdown syntax; a leading `# Title` and YAML-ish front matter become metadata."""
    meta: list[tuple[str, str]] = []
    front = _MD_FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            key, value = key.strip().lower(), value.strip().strip("\"'")
            if sep and value and key in {"title", "date", "url", "author", "authors", "publisher"}:
                if key in {"author", "authors"}:
                    meta.extend(("author", a.strip()) for a in value.strip("[]").split(",") if a.strip())
                else:
                    meta.append((key, value))
        text = text[front.end():]
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and re.match(r"^\s{0,3}#\s+\S", lines[first]):
        if not any(k == "title" for k, _ in meta):
            meta.append(("title", _MD_HEADING.sub(r"\1", lines[first]).strip()))
        del lines[first]
    text = "\n".join(lines)
    text = _MD_LINK_DEF.sub("", text)
    text = _MD_IMAGE.sub("", text)  # images carry no article text
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REF_LINK.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_LIST.sub("", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis: ***bold italic***
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text.strip("\n"), tuple(meta)


# ---------------------------------------------------------------- html

# Content inside these is page furniture (menus, ads, forms) or code, never article text.
_HTML_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
              "form", "button", "iframe", "select", "object"}
_HTML_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
               "ul", "ol", "blockquote", "pre", "tr", "td", "th", "table", "dd", "dt", "br", "hr",
               "figure", "figcaption", "body", "title"}
_HTML_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "area", "base", "col", "embed",
              "param", "track", "wbr"}


class _ArticleHTMLParser(HTMLParser):
    """Collects text blocks, remembering which lie inside <article>/<main>, plus head metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool, bool]] = []  # (text, in <article>, in <main>)
        self.h1: list[tuple[str, bool]] = []  # (text, in <article>)
        self.captions: list[str] = []
        self.meta: dict[str, str] = {}
        self.authors: list[str] = []
        self.lang: str | None = None
        self._stack: list[str] = []
        self._skip = 0
        self._article = 0
        self._main = 0
        self._figure = 0
        self._figcaption = 0
        self._in_title = False
        self._title: list[str] = []
        self._buf: list[str] = []
        self._h1_buf: list[str] | None = None
        self._caption_buf: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self.blocks.append((text, self._article > 0, self._main > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            self._meta(a)
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        if tag in _HTML_VOID:
            if tag in _HTML_BLOCK:
                self._flush()
            return
        self._stack.append(tag)
        if tag in _HTML_BLOCK:
            self._flush()
        if tag in _HTML_SKIP:
            self._skip += 1
        elif tag == "article":
            self._article += 1
        elif tag == "main":
            self._main += 1
        elif tag == "figure":
            self._figure += 1
        elif tag == "figcaption":
            self._figcaption += 1
            self._caption_buf = []
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._h1_buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return  # a stray end tag: ignore rather than unbalance the counters
        while self._stack:  # close implicitly-ended children too (<p> without </p>)
            open_tag = self._stack.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in _HTML_BLOCK:
            self._flush()
        if tag in _HTML_SKIP:
            self._skip -= 1
        elif tag == "article":
            self._article -= 1
        elif tag == "main":
            self._main -= 1
        elif tag == "figure":
            self._figure -= 1
        elif tag == "figcaption":
            self._figcaption -= 1
            caption = " ".join("".join(self._caption_buf).split())
            if caption and self._skip == 0:
                self.captions.append(caption)
        elif tag == "title":
            self._in_title = False
        elif tag == "h1" and self._h1_buf is not None:
            text = " ".join("".join(self._h1_buf).split())
            if text and self._skip == 0 or (text and self._article):
                self.h1.append((text, self._article > 0))
            self._h1_buf = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
            return
        if self._h1_buf is not None:
            self._h1_buf.append(data)
            return  # the headline is metadata, not body text
        if self._figcaption:
            self._caption_buf.append(data)
            return
        if self._skip or self._figure:
            return
        self._buf.append(data)

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        content = a.get("content", "").strip()
        if not content:
            return
        if key in {"author", "article:author", "parsely-author", "sailthru.author"}:
            if not content.startswith("http"):  # article:author is sometimes a profile URL
                self.authors.append(content)
        elif key in {"article:published_time", "datepublished", "date", "pubdate", "dc.date",
                     "parsely-pub-date", "og:article:published_time"}:
            self.meta.setdefault("date", content)
        elif key in {"og:url", "og:title", "og:site_name", "description", "og:description"}:
            self.meta.setdefault(key, content)

    def title(self) -> str:
        return " ".join("".join(self._title).split())


def html_to_text(html: str) -> tuple[str, Metadata]:
    """Reduce a news page to its article text (blank-line separated blocks) and metadata."""
    parser = _ArticleHTMLParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = ([t for t, in_article, _ in parser.blocks if in_article]
              or [t for t, _, in_main in parser.blocks if in_main]
              or [t for t, _, _ in parser.blocks])
    meta: list[tuple[str, str]] = []
    title = next((t for t, in_article in parser.h1 if in_article), None) or (
        parser.h1[0][0] if parser.h1 else None) or parser.meta.get("og:title") or parser.title()
    if title:
        meta.append(("title", title))
    meta.extend(("author", name) for name in dict.fromkeys(parser.authors))
    date = parser.meta.get("date", "")
    if re.match(r"\d{4}-\d{2}-\d{2}", date):
        meta.append(("date", date[:10]))
    url = parser.meta.get("canonical") or parser.meta.get("og:url")
    if url:
        meta.append(("url", url))
    if parser.meta.get("og:site_name"):
        meta.append(("publisher", parser.meta["og:site_name"]))
    meta.extend(("credit", c) for c in dict.fromkeys(parser.captions))
    if parser.lang:
        meta.append(("language", parser.lang.split("-")[0].lower()))
    return "\n\n".join(blocks), tuple(meta)


# ---------------------------------------------------------------- jsonl


def _jsonl_metadata(record: dict) -> Metadata:
    meta: list[tuple[str, str]] = []
    for key in ("title", "date", "url", "publisher"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            meta.append((key, value.strip()))
    authors = record.get("authors", record.get("author"))
    if isinstance(authors, str):
        authors = [a for a in re.split(r"\s*(?:;|,| and )\s*", authors) if a]
    if isinstance(authors, list):
        meta.extend(("author", a.strip()) for a in authors if isinstance(a, str) and a.strip())
    return tuple(meta)


# Deeper JSON is no article record; Python's parser would hit its recursion limit first.
MAX_JSON_DEPTH = 64


def json_depth_exceeds(line: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings open deeper than `limit` (an upper bound of the real depth)."""
    depth = 0
    for token in re.finditer(r'[\[{\]}]|"(?:[^"\\]|\\.)*"', line):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _jsonl_record(line: str, where: str, notes: list[str]) -> dict | None:
    """The line's JSON object, or None with a note saying why it is not one."""
    if json_depth_exceeds(line):
        notes.append(f"skipped {where}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        notes.append(f"skipped {where}: not valid JSON ({err.msg})")
        return None
    except RecursionError:
        notes.append(f"skipped {where}: JSON nested too deeply")
        return None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        notes.append(f"skipped {where}: no \"text\" field")
        return None
    return record


def _read_jsonl(path: Path, doc_id: str, text: str, notes: list[str]) -> list[SourceText]:
    sources = []
    # Split on "\n" only: str.splitlines also breaks at U+2028, U+0085 and others, which JSON
    # strings may hold raw, and would cut a valid record in two.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record = _jsonl_record(line, f"{path.name} line {number}", notes)
        if record is None:
            continue
        sources.append(SourceText(path=str(path), name=path.name, doc_id=f"{doc_id}-{number}",
                                  text=record["text"], format="jsonl",
                                  metadata=_jsonl_metadata(record)))
    return sources


# ---------------------------------------------------------------- the folder


def doc_id_of(name: str) -> str:
    """`000_9ef78bcf1b819068.txt` -> "000"; a name without "_" gives its stem.

    The id becomes the last segment of the document's IRI, so every character outside the IRI's
    unreserved set (space, quote, braces, backslash, angle brackets, newline, ...) is
    percent-encoded: any file name gives a valid IRI.
    """
    stem = Path(name).stem
    head = stem.split("_", 1)[0] or stem
    return quote(head, safe="-._~") or "document"


# Written by `kg build` into its output folder; never read back as articles.
BUILD_OUTPUTS = frozenset({"graph.html", "report.html", "report.md"})
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def is_skip(note: str) -> bool:
    """Whether a note reports an input left out (rather than, say, a decoding fallback)."""
    return note.startswith("skipped ")


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a symbolic link in the corpus is not followed, or None: links stay inside the corpus folder."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError:
        return "dangling symbolic link"
    if not target.is_relative_to(root):
        return "symbolic link to a file outside the corpus folder"
    return None


def _file_problem(path: Path, root: Path) -> str | None:
    """Why a candidate is not an article file (a note), "" to pass over it silently, None to read it."""
    if path.is_symlink():
        problem = _link_problem(path, root)
        if problem:
            return problem
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "")
    return f"not a regular file ({kind})" if kind else ""  # a folder named like an article: not one


def _candidates(folder: Path, notes: list[str], out_dir: Path | None = None) -> Iterable[Path]:
    root = folder.resolve()
    own_outputs = out_dir is not None and Path(out_dir).resolve() == root
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.suffix.lower() not in EXTENSIONS:
            continue
        if path.stem.lower() in _NOT_ARTICLES:
            continue
        if own_outputs and path.name in BUILD_OUTPUTS:
            notes.append(f"not read: {path.name} is an output of this build (--out is the corpus folder)")
            continue
        problem = _file_problem(path, root)
        if problem:
            notes.append(f"skipped {path.name}: {problem}")
        elif problem is None:
            yield path


def _read_text(path: Path, max_chars: int, notes: list[str]) -> str | None:
    """One file's text, decoded, with Windows and old Mac line ends made Unix ones; None, with a note
    saying why, when it cannot be used (unreadable, too long, empty, binary)."""
    name = path.name
    try:
        size = path.stat().st_size
        # A UTF-8 character is at most 4 bytes: beyond that the file is too long whatever it holds,
        # and is not worth reading into memory.
        if size > 4 * max_chars:
            notes.append(f"skipped {name}: {size:,} bytes exceeds the limit of {max_chars:,} characters")
            return None
        data = path.read_bytes()
    except PermissionError:
        notes.append(f"skipped {name}: permission denied")
        return None
    except OSError as err:
        notes.append(f"skipped {name}: cannot be read ({err.strerror or err})")
        return None
    if not data.strip():
        notes.append(f"skipped {name}: empty file")
        return None
    if not bom_encoding(data) and _is_binary(data):
        notes.append(f"skipped {name}: binary file")
        return None
    try:
        text, fallback = decode_bytes(data)
    except UnicodeDecodeError:  # only a BOM's codec is strict: the fallbacks decode any bytes
        notes.append(f"skipped {name}: not valid {bom_encoding(data)[1]} despite its byte-order mark")
        return None
    if "\x00" in text:  # a wide encoding read with the wrong width, or binary behind a BOM
        notes.append(f"skipped {name}: binary file")
        return None
    if fallback:
        notes.append(f"decoded {name} as {fallback} (not valid UTF-8)")
    if len(text) > max_chars:
        notes.append(f"skipped {name}: {len(text):,} characters exceeds the limit of {max_chars:,}")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_one(path: Path, max_chars: int, notes: list[str]) -> list[SourceText]:
    """Decode one file into its sources, or append a note saying why it was skipped."""
    name = path.name
    text = _read_text(path, max_chars, notes)
    if text is None:
        return []
    fmt = FORMAT_OF[path.suffix.lower()]
    doc_id = doc_id_of(name)
    if fmt == "jsonl":
        sources = _read_jsonl(path, doc_id, text, notes)
    else:
        meta: Metadata = ()
        if fmt == "md":
            text, meta = markdown_to_text(text)
        elif fmt == "html":
            text, meta = html_to_text(text)
        if not text.strip():
            notes.append(f"skipped {name}: no article text")
            return []
        sources = [SourceText(path=str(path), name=name, doc_id=doc_id, text=text, format=fmt,
                              metadata=meta)]
    kept = []
    for src in sources:
        language = guess_language(src.text)
        if language != "English":
            where = name if fmt != "jsonl" else f"{name} ({src.doc_id})"
            notes.append(f"skipped {where}: not English (looks like {language})")
            continue
        kept.append(src)
    return kept


def read_corpus(folder: Path, max_chars: int = 2_000_000,
                out_dir: Path | None = None) -> tuple[list[SourceText], list[str]]:
    """Read every article file in `folder` (not its subfolders), sorted by name.

    Returns the sources and one-line notes on files skipped or decoded with a fallback. Symbolic
    links are followed only to files inside `folder`; FIFOs, devices, loops and dangling links are
    skipped with a note. When `out_dir` is `folder` itself, the build's own pages there are not
    read. Raises `InputError` if the folder is missing or holds no usable article; its message
    carries every note, so a corpus whose files were all skipped says why.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"corpus folder not found: {folder}")
    sources: list[SourceText] = []
    notes: list[str] = []
    for path in _candidates(folder, notes, out_dir):
        sources.extend(_read_one(path, max_chars, notes))
    if not sources:
        raise InputError(no_articles_message(folder, notes))
    return sources, notes


def no_articles_message(folder: Path, notes: list[str]) -> str:
    """The error for a corpus with nothing to build from, with every note on why."""
    if not any(is_skip(note) for note in notes):
        return f"no articles found in {folder} (looked for {', '.join(EXTENSIONS)})"
    skipped = sum(is_skip(note) for note in notes)
    lines = [f"no articles found in {folder}: all {skipped} input{'' if skipped == 1 else 's'} "
             f"{'was' if skipped == 1 else 'were'} skipped"]
    return "\n".join(lines + [f"  note: {note}" for note in notes])
