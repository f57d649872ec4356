"""Split one source into its articles and move page furniture (bylines, captions, comments) into metadata.

The rules are general, not tuned to particular files: a headline is a first line without a final
full stop; bylines, dates, captions and menu/appeal lines are recognised by the patterns below;
everything after an article's URL line or a comment marker is the reader-comment thread.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlparse

from kg.models import Article, Comment, SourceText

# ---------------------------------------------------------------- patterns (data, not code)

# Whole lines that are site navigation, widgets, appeals or notices rather than article text.
# Matched against the stripped line, case-insensitively; short lines only (see _MAX_FURNITURE_CHARS).
FURNITURE = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"(categor(y|ies)|tags?|topics?|sections?)\s*:?",
    r"(latest|breaking|top|more|related|world|uk|us) (news|stories|headlines)",
    r"\d+\s*(-\s*)?min(ute)?s?\.? (read|listen|watch)",
    r"(share|share this( article| story| page)?|share on \w+|tweet|email|print|copy link|save|"
    r"bookmark|gift (this )?article)",
    r"(advertisement|advert|sponsored( content)?|ad|promoted|partner content)",
    r"(read|see|show|view|load) (more|all|next|full (article|story))\b.*",
    r"(continue reading|read the full (story|article)|click here)\b.*",
    r"(listen to (this|the) (article|story)( now)?|watch( now| video)?|play video|video|audio)",
    r"(skip|jump) (to|advert)\b.*",
    r"(sign up|sign in|log in|register|subscribe|newsletter)\b.*",
    r"(donate|donate now|support us|support our work|become a (member|supporter|subscriber))\b.*",
    r"(follow|like) us\b.*",
    r".*\bcookies?\b.*\b(accept|consent|privacy|settings|policy|preferences)\b.*",
    r"(accept|reject|manage) (all )?(cookies|preferences)",
    r"(back to top|top of page|toggle navigation|open menu|close|menu|search|home)",
    r"(all rights reserved|©|copyright\b).*",
    r".*\b(donat(e|ion|ions)|your support (keeps|helps|allows|makes)|support (our|independent) "
    r"(journalism|reporting)|help us (keep|continue))\b.*",
    r"(we bring you|you can help)\b.*",
))
_MAX_FURNITURE_CHARS = 200

# Lines that end an article's body: what follows is a footer of links and appeals.
FOOTER_START = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"see all",
    r"(explore|find) more( on these topics)?|more on (these|this) topics?|topics",
    r"related (articles|stories|content|topics|coverage)",
    r"more (stories|like this|on this (story|topic))|more from (this|the) (author|section|site)",
    r"(you (may|might) (also )?like|most (read|popular|viewed)|recommended( for you| reading)?|"
    r"read next|trending( now)?|editors'? picks)",
    r"support (\S+ ){0,3}(media|news|team|journalism)\b.*",
))

# Lines that open the reader-comment thread.
COMMENT_MARKER = re.compile(
    r"(\d+\s+)?(comments?|reader comments|comment from|join the (conversation|discussion)|"
    r"(show|view|load|hide) comments|leave a (comment|reply)|most recommended comments)\s*:?\s*(\(\d+\))?",
    re.IGNORECASE)

# Photo captions and credits: kept as Article.credits, never as text.
CREDIT = tuple(re.compile(p) for p in (
    r"\bCredits?\s*:",
    r"\((Photo|Photograph|Photos|Image|Images|Picture|Pictures|Source|Credit|Illustration)\s*:[^)]*\)\s*$",
    r"^(Photo|Photograph|Image|Picture|Illustration|Main image|Top image)\s*:",
    # An agency after "/", "via" or "(" is a picture credit; a bare "Reuters" may end a headline.
    r"(/|\bvia\s+|\(\s*)(Getty Images|Shutterstock|Reuters|REUTERS|AFP|AP Photo|AP|PA Media|PA Wire|PA|"
    r"EPA|Alamy|Bloomberg|Anadolu|SOPA Images|NurPhoto)\s*\)?$",
    r"\bGetty Images\s*\)?$",
    r"\b(REUTERS|AFP|AP|EPA)/[A-Z]",
))
_MAX_CREDIT_CHARS = 400

# Section labels above a headline ("Opinion", "World news"); these make an article an opinion piece.
OPINION_LABELS = re.compile(r"(opinion|comment|op-?ed|column|commentary|editorial|viewpoint)s?",
                            re.IGNORECASE)

# Articles in one file are separated by a line of dots, ellipses, dashes or equals signs.
ARTICLE_SEPARATOR = re.compile(r"^\s*[.…·•_=~\-–—]{4,}\s*$")

URL_LINE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")

# Job titles that end a byline entry: "Sabrina Miller Whitehall Correspondent".
ROLE_WORDS = frozenset(
    "correspondent editor reporter writer columnist journalist contributor analyst producer "
    "commentator chief staff author photographer presenter critic researcher".split())
# Letters after a name that are not part of it: "John Healey MP".
POST_NOMINALS = frozenset("mp mep msp ms mla td qc kc obe mbe cbe kbe phd jr sr".split())
_NAME_PARTICLES = frozenset("van von der de da del di du la le al bin ibn ter ten".split())

# Well-known outlets; any other domain falls back to its title-cased name ("kyivpost.com" -> "Kyivpost").
PUBLISHERS = {
    "telegraph.co.uk": "The Telegraph", "theguardian.com": "The Guardian", "bbc.co.uk": "BBC",
    "bbc.com": "BBC", "thetimes.co.uk": "The Times", "thetimes.com": "The Times",
    "ft.com": "Financial Times", "independent.co.uk": "The Independent", "dailymail.co.uk": "Daily Mail",
    "express.co.uk": "Daily Express", "mirror.co.uk": "Daily Mirror", "thesun.co.uk": "The Sun",
    "inews.co.uk": "i", "standard.co.uk": "Evening Standard", "spectator.co.uk": "The Spectator",
    "news.sky.com": "Sky News", "gbnews.com": "GB News", "economist.com": "The Economist",
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "bloomberg.com": "Bloomberg",
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal", "cnn.com": "CNN", "foxnews.com": "Fox News",
    "politico.com": "Politico", "politico.eu": "Politico Europe", "aljazeera.com": "Al Jazeera",
    "dw.com": "DW", "france24.com": "France 24", "euronews.com": "Euronews", "lemonde.fr": "Le Monde",
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post",
    "pravda.com.ua": "Ukrainska Pravda", "ukrinform.net": "Ukrinform", "united24media.com": "UNITED24 Media",
    "rferl.org": "Radio Free Europe/Radio Liberty", "newsweek.com": "Newsweek",
    "theatlantic.com": "The Atlantic", "npr.org": "NPR", "abc.net.au": "ABC News",
}
_TWO_LEVEL_SUFFIX = {"co", "com", "org", "net", "gov", "ac", "edu", "ltd", "plc"}

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:[\s,]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?"
_DATE_BODY = (
    r"(?:(?P<iso>(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2}))(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|{_WEEKDAY}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('month', 'month2')},?\s+(?P<y2>\d{{4}})"
    rf"|{_WEEKDAY}{_MONTH.replace('month', 'month3')}\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}}))"
)
_DATE_LABEL = r"(?:(?:date|published|updated|posted|first published|last updated)(?:\s+on)?\s*:?\s*)"
DATE_LINE = re.compile(rf"^{_DATE_LABEL}?{_DATE_BODY}{_TIME}\s*$", re.IGNORECASE)
DATE_PREFIX = re.compile(rf"^{_DATE_LABEL}{_DATE_BODY}\s+(?=\S)", re.IGNORECASE)

_TERMINAL = ".!?"
_CLOSERS = "\"'”’»)]"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Typographic spaces become plain ones, one for one, so later offsets stay simple.
_SPACES = "\u00a0\u2007\u202f\u2009\u200a"

_MIN_DUPLICATE_CHARS = 40  # a shorter repeated line ("He said:") may well be legitimate
_REPEAT_WINDOW = 5  # how many preceding paragraphs a partial repeat is looked for in
_MAX_HEADING_WORDS = 10
_MAX_TITLE_WORDS = 30
_FIRST_PERSON = re.compile(r"\b(I|(?i:me|my|mine|myself))\b|\bI['’](m|ve|d|ll)\b")
_QUOTED = (re.compile(r"“[^”\n]*(”|$)", re.MULTILINE), re.compile(r"‘[^’\n]*(’|$)", re.MULTILINE),
           re.compile(r"\"[^\"\n]*(\"|$)", re.MULTILINE), re.compile(r"«[^»\n]*(»|$)", re.MULTILINE),
           # Straight single quotes: only a quote mark not touching a letter, so "Russia's" is safe.
           re.compile(r"(?<!\w)'(?=\S)[^\n]*?(?<=\S)'(?!\w)"))


# ---------------------------------------------------------------- small predicates


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL + "…:;"


def _any_of(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` does: one regex call per line instead of one each.

    The patterns share their flags and have no backreferences, so each keeps its meaning inside
    the alternation, and a (full)match or search succeeds exactly when one of them would.
    """
    flags = {p.flags for p in patterns}
    if len(flags) != 1:
        raise ValueError("patterns combined into one must share their flags")
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())


_ANY_FURNITURE = _any_of(FURNITURE)
_ANY_FOOTER_START = _any_of(FOOTER_START)


def _is_furniture(line: str) -> bool:
    return len(line) <= _MAX_FURNITURE_CHARS and _ANY_FURNITURE.fullmatch(line) is not None


def _is_footer_start(line: str) -> bool:
    return len(line) <= 80 and _ANY_FOOTER_START.fullmatch(line) is not None


def _is_credit(line: str) -> bool:
    # Searched one by one: a search for the alternation of all of them is slower, not faster.
    return len(line) <= _MAX_CREDIT_CHARS and any(p.search(line) for p in CREDIT)


def _words(line: str) -> list[str]:
    return line.split()


def _is_name_word(word: str) -> bool:
    core = word.rstrip(".,")
    return bool(core) and core[0].isupper() and all(c.isalpha() or c in "'’-." for c in core)


def looks_like_name(text: str, min_words: int = 2, max_words: int = 4) -> bool:
    """"John Healey", "A Abc", "Ursula von der Leyen": capitalised words (particles allowed)."""
    words = _words(text)
    if not min_words <= len(words) <= max_words or text.rstrip()[-1:] in _TERMINAL + ",:;":
        return False
    return _is_name_word(words[0]) and _is_name_word(words[-1]) and all(
        _is_name_word(w) or w.lower() in _NAME_PARTICLES for w in words)


def parse_date(text: str) -> str | None:
    """"21 February 2026", "Feb 21, 2026", "2026-02-21T09:00Z" -> "2026-02-21"; else None."""
    m = DATE_LINE.match(text.strip())
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    if m.group("iso"):
        y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
    elif m.group("d2"):
        y, mo, d = int(m.group("y2")), _MONTHS[m.group("month2").lower()], int(m.group("d2"))
    else:
        y, mo, d = int(m.group("y3")), _MONTHS[m.group("month3").lower()], int(m.group("d3"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def publisher_from_url(url: str) -> str | None:
    """telegraph.co.uk -> "The Telegraph"; an unknown domain gives its main label, title-cased."""
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:  # "http://[" (a broken IPv6 host) names no publisher
        return None
    for prefix in ("www.", "m.", "amp.", "mobile."):
        host = host.removeprefix(prefix)
    if not host:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):  # "news.sky.com" is listed; "politics.telegraph.co.uk" is not
        if ".".join(labels[i:]) in PUBLISHERS:
            return PUBLISHERS[".".join(labels[i:])]
    if len(labels) >= 3 and labels[-2] in _TWO_LEVEL_SUFFIX and len(labels[-1]) == 2:
        main = labels[-3]
    else:
        main = labels[-2] if len(labels) >= 2 else labels[0]
    return " ".join(part.capitalize() for part in re.split(r"[-_]", main) if part) or None


# ---------------------------------------------------------------- bylines


def _strip_post_nominals(name: str) -> str:
    words = _words(name)
    while len(words) > 2 and words[-1].strip(".,").lower() in POST_NOMINALS:
        words.pop()
    return " ".join(words)


def parse_by_line(line: str) -> tuple[str, ...]:
    """"By John Healey MP" -> ("John Healey",); "By A and B, Defence Editor, in Kyiv" -> ("A", "B")."""
    m = re.match(r"^(?:written |words |reporting )?by\s+(.+)$", line.strip(), re.IGNORECASE)
    if not m:
        return ()
    rest = re.sub(r"\s+(in|at|from)\s+[A-Z][\w’'-]*(\s+[A-Z][\w’'-]*)*\s*$", "", m.group(1))
    rest = re.sub(r"\s*[|–—-]\s*\d.*$", "", rest)  # "By X - 21 February 2026"
    names = []
    for piece in re.split(r"\s*(?:,|;|&|\band\b)\s*", rest):
        piece = _strip_post_nominals(piece.strip(" ."))
        if not piece:
            continue
        if _words(piece)[-1].lower() in ROLE_WORDS:
            titled = _name_before_role(piece)
            if titled:
                names.append(titled)
            continue
        if looks_like_name(piece):
            names.append(piece)
    return tuple(names)


def _name_before_role(piece: str) -> str | None:
    """"Sabrina Miller Whitehall Correspondent" -> "Sabrina Miller" (two words, plus initials/particles)."""
    words = _words(piece)
    if len(words) < 3 or words[-1].strip(".,").lower() not in ROLE_WORDS:
        return None
    name = words[:2]
    rest = words[2:]
    # A middle initial or a particle means the surname comes one word later.
    while rest and (re.fullmatch(r"[A-Z]\.?", name[-1]) or name[-1].lower() in _NAME_PARTICLES):
        name.append(rest.pop(0))
    if not rest or not looks_like_name(" ".join(name)):
        return None
    if not all(w[:1].isupper() or w.lower() in {"of", "for", "and", "the", "at", "in"} for w in rest):
        return None
    return " ".join(name)


def parse_titled_byline(line: str) -> tuple[str, ...]:
    """"Sabrina Miller Whitehall Correspondent. Tony Diver Associate Political Editor" -> both names.

    Every entry must be a name followed by a job title ending in a role word, or nothing is returned.
    """
    pieces = [p for p in re.split(r"(?<!\b[A-Z])\.\s+|\s*[|;•·]\s*|\s+and\s+", line.strip().rstrip(".")) if p.strip()]
    names = [_name_before_role(p.strip()) for p in pieces]
    if not names or any(n is None for n in names):
        return ()
    return tuple(n for n in names if n)


def _bare_byline(line: str) -> tuple[str, ...]:
    """"Jane Doe", "Jane Doe and John Roe in Kyiv": names only, without "By"."""
    rest = re.sub(r"\s+(in|at|from)\s+[A-Z][\w’'-]*(\s+[A-Z][\w’'-]*)?$", "", line.strip())
    pieces = [_strip_post_nominals(p) for p in re.split(r"\s*(?:,|&|\band\b)\s*", rest) if p]
    if pieces and all(looks_like_name(p, max_words=3) for p in pieces):
        return tuple(pieces)
    return ()


def _is_role_line(line: str) -> bool:
    """"News Writer", "Senior Political Correspondent": a job title on its own line."""
    words = _words(line)
    return (1 <= len(words) <= 5 and words[-1].lower() in ROLE_WORDS
            and all(w[:1].isupper() or w.lower() in {"of", "for", "and", "the"} for w in words))


# ---------------------------------------------------------------- comments


def _is_commenter(line: str) -> bool:
    """Commenter names are short lines of two or three capitalised words ("Norm Browne", "A Abc")."""
    return len(line) <= 40 and looks_like_name(line, min_words=2, max_words=3)


def parse_comments(lines: Sequence[str]) -> tuple[Comment, ...]:
    """Name line, then that commenter's text lines, repeated; text before the first name is dropped."""
    comments: list[Comment] = []
    author: str | None = None
    text: list[str] = []

    def close() -> None:
        if author and text:
            comments.append(Comment(author=author, text="\n".join(text)))

    for raw in lines:
        line = raw.strip()
        if not line or COMMENT_MARKER.fullmatch(line) or _is_furniture(line):
            continue
        if _is_commenter(line):
            close()
            author, text = line, []
        elif author:
            text.append(line)
    close()
    return tuple(comments)


# ---------------------------------------------------------------- one article


@dataclass
class _Draft:
    """What is known of one article while its lines are being read."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    credits: list[str] = field(default_factory=list)
    opinion_label: bool = False
    comments: tuple[Comment, ...] = ()
    headings: list[str] = field(default_factory=list)
    language: str = "en"

    def add_credit(self, line: str) -> None:
        if line not in self.credits:
            self.credits.append(line)

    def add_authors(self, names: Sequence[str]) -> None:
        self.authors.extend(n for n in names if n not in self.authors)


# A wire story's closing credit line: "(Reporting by A in Oslo and B; Editing by C)".
CREDIT_FOOTER = re.compile(r"^\(((?:additional\s+)?(?:reporting|writing|written|compiled|reported|editing|edited)"
                           r"(?:\s+and\s+\w+)?\s+by\s[^()]+)\)$", re.IGNORECASE)
# The parts of it that name the writers; editors and fact-checkers did not write the story.
WRITER_CREDIT = re.compile(r"^(?:additional\s+)?(?:reporting|writing|written|compiled|reported)"
                           r"(?:\s+and\s+(?:reporting|writing))?\s+by\s+(.+)$", re.IGNORECASE)


def _credit_footer(lines: list[str], draft: _Draft) -> list[str]:
    """The last line a wire credit in brackets: its reporters and writers are the authors, and it is no text."""
    last = max((i for i, raw in enumerate(lines) if raw.strip()), default=None)
    found = CREDIT_FOOTER.match(lines[last].strip()) if last is not None else None
    if found is None:
        return lines
    for part in found.group(1).split(";"):
        writers = WRITER_CREDIT.match(part.strip())
        for piece in re.split(r"\s*(?:,|&|\band\b)\s*", writers.group(1)) if writers else ():
            name = re.sub(r"\s+(?:in|at|from)\s+[A-Z].*$", "", piece).strip(" .")
            if looks_like_name(name):
                draft.add_authors([name])
    return lines[:last]


def _cut_tail(lines: list[str], draft: _Draft) -> list[str]:
    """Remove the URL line, comment thread and footer from the end; record url, comments, publisher."""
    lines = _credit_footer(lines, draft)
    seen_body = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        url = URL_LINE.match(line)
        if url:
            if not seen_body:  # a URL above the article is just metadata
                draft.url = draft.url or url.group(1)
                lines[i] = ""
                continue
            draft.url = draft.url or url.group(1)
            draft.comments = parse_comments(lines[i + 1:])
            _publisher_from_footer(lines[i + 1:], draft)
            return lines[:i]
        if COMMENT_MARKER.fullmatch(line) and seen_body:
            draft.comments = parse_comments(lines[i:])
            return lines[:i]
        if seen_body and _is_footer_start(line):
            _publisher_from_footer(lines[i:], draft)
            return lines[:i]
        if len(_words(line)) >= 8 and _ends_sentence(line) and not _is_furniture(line):
            seen_body = True
    return lines


_FOOTER_PUBLISHER = (
    re.compile(r"^support\s+(?P<name>(?:\S+\s+){0,3}?(?:Media|News|Press))(?:\s+team)?\W*$", re.IGNORECASE),
    re.compile(r"^(?P<name>(?:\S+\s+){0,3}?(?:Media|News|Press))\s+team\W*$", re.IGNORECASE),
)


def _publisher_from_footer(lines: Sequence[str], draft: _Draft) -> None:
    """"Support UNITED24 Media Team" names the publisher."""
    for raw in lines:
        for pattern in _FOOTER_PUBLISHER:
            m = pattern.match(raw.strip())
            if m and not draft.publisher:
                draft.publisher = m.group("name").strip()


def _take_byline(line: str, draft: _Draft, expect_author: bool) -> bool | None:
    """A header line naming authors, whose names go into the draft: True for a byline, False for a
    line that only goes with one (a role, "Photo of X"), None for any other line.

    `expect_author` is set after an "Authors" label, where "Photo of X" names an author.
    """
    photo_of = re.fullmatch(r"(?:photo|image|picture|avatar|portrait) of (.+)", line, re.IGNORECASE)
    if photo_of and looks_like_name(photo_of.group(1)):
        if expect_author:
            draft.add_authors([photo_of.group(1).strip()])
        return False
    authors = parse_by_line(line) or parse_titled_byline(line)
    if authors:
        draft.add_authors(authors)
        return True
    if _is_role_line(line) and (expect_author or draft.authors):
        return False
    bare = _bare_byline(line)
    if bare and (expect_author or (draft.title is not None and not draft.authors)):
        # Right under the headline, a line of nothing but names ("Jane Doe in Kyiv") is a byline.
        draft.add_authors(bare)
        return True
    return None


def _read_header(lines: list[str], draft: _Draft, has_title: bool) -> int:
    """Consume headline, standfirst, labels, bylines, dates and captions; return the first body line."""
    after_title = False  # the standfirst must come straight after the headline
    expect_author = False  # after an "Authors" label, "Photo of X" names an author
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        prefix = DATE_PREFIX.match(line)
        if prefix:
            draft.date = draft.date or _iso(prefix)
            line = line[prefix.end():]
            lines[i] = line
        if _is_furniture(line):
            continue
        if re.fullmatch(r"(authors?|written by|words by|contributors?)\s*:?", line, re.IGNORECASE):
            expect_author = True
            continue
        byline = _take_byline(line, draft, expect_author)
        if byline is not None:
            after_title = after_title and not byline  # a byline ends the standfirst's chance
            continue
        date = parse_date(line)
        if date:
            draft.date = draft.date or date
            continue
        if _is_credit(line):
            draft.add_credit(line)
            continue
        words = _words(line)
        more_follows = any(l.strip() for l in lines[i + 1:])
        if draft.title is None and not has_title and more_follows and _is_headline(line):
            draft.title = line
            after_title = True
            continue
        if draft.title is not None and has_title and line == draft.title:
            after_title = True  # the page repeats the headline its metadata already gave
            continue
        if draft.title is None and len(words) <= 2 and not _ends_sentence(line) and more_follows:
            # A one- or two-word line above the headline is a section label ("Opinion", "World").
            draft.opinion_label = draft.opinion_label or bool(OPINION_LABELS.fullmatch(line))
            continue
        if after_title and draft.subtitle is None and len(words) >= 4 and not _ends_with_full_stop(line):
            draft.subtitle = line
            after_title = False
            continue
        return i
    return len(lines)


def _ends_with_full_stop(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith((".", "…"))


def _is_headline(line: str) -> bool:
    words = _words(line)
    if not 3 <= len(words) <= _MAX_TITLE_WORDS or _ends_with_full_stop(line):
        return False
    if line.rstrip(_CLOSERS).endswith(("?", "!")):
        return len(words) <= 15  # a longer question is more likely the first paragraph
    return not line.rstrip().endswith((",", ";", ":"))


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (blank-line separated blocks of short lines) back into paragraphs."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    out: list[str] = []
    for block in blocks:
        inner = block[:-1]
        longest = max((len(l) for l in inner), default=0)
        # Wrapped text: three or more lines cut near one width, mostly mid-sentence. Headline,
        # standfirst and byline lines differ in length, so a header block is left alone.
        wrapped = (len(block) >= 3 and 50 <= longest <= 100
                   and all(len(l) >= 0.6 * longest for l in inner)
                   and sum(not _ends_sentence(l) for l in inner) > len(inner) / 2)
        out.extend([" ".join(block)] if wrapped else block)
        out.append("")
    return out


def _is_heading(line: str, has_next: bool) -> bool:
    """A short unpunctuated line between paragraphs is a section heading, not a sentence."""
    words = _words(line)
    return (has_next and 1 <= len(words) <= _MAX_HEADING_WORDS and len(line) <= 80
            and line[:1].isupper() and not _ends_sentence(line) and not line.endswith(","))


def _read_body(lines: list[str], draft: _Draft) -> list[str]:
    """Keep body paragraphs; drop furniture, captions, headings and repeated paragraphs."""
    candidates = [l.strip() for l in lines if l.strip()]
    paragraphs: list[str] = []
    normalised: list[str] = []  # the kept paragraphs, whitespace-normalised once each
    seen: set[str] = set()
    for i, line in enumerate(candidates):
        if _is_furniture(line):
            continue
        if _is_credit(line):
            draft.add_credit(line)
            continue
        date = parse_date(line)
        if date:  # a dateline below the first paragraph ("Updated 21 February 2026")
            draft.date = draft.date or date
            continue
        if _is_heading(line, has_next=i + 1 < len(candidates)):
            draft.headings.append(line)
            continue
        norm = " ".join(line.split())
        if _is_repeat(norm, normalised, seen):
            continue
        paragraphs.append(line)
        normalised.append(norm)
        seen.add(norm)
    return paragraphs


def _is_repeat(norm: str, kept: Sequence[str], seen: set[str]) -> bool:
    """Scrapers repeat paragraphs, whole or as the tail of one just before: keep the first copy.

    `norm` is the paragraph and `kept` the paragraphs kept so far, all whitespace-normalised.
    `seen` holds every kept paragraph for exact repeats; containment is checked against the last
    few only, which is where the scraping slip happens, to stay linear.
    """
    if norm in seen:
        return True
    return len(norm) >= _MIN_DUPLICATE_CHARS and any(norm in k for k in kept[-_REPEAT_WINDOW:])


def _is_opinion(paragraphs: Sequence[str], labelled: bool) -> bool:
    """First person outside quotations, used often: the author is speaking for themselves."""
    if labelled:
        return True
    text = "\n".join(paragraphs)
    for pattern in _QUOTED:
        text = pattern.sub(" ", text)
    hits = len(_FIRST_PERSON.findall(text))
    return hits >= 3 and hits / max(len(_words(text)), 1) >= 0.005


def _whole_text_as_credit(lines: list[str], draft: _Draft) -> list[str]:
    """A text that is the whole article is not a credit, nor page furniture: 'DAYTON, Ohio (AP)' alone in a
    file ends like a picture credit, and a one-sentence story about donations reads like a donation appeal,
    yet each is all the file says. A file of one line that the credits took, or of one full sentence,
    keeps that line as its text."""
    content = [line.strip() for line in lines if line.strip()]
    if len(content) != 1:
        return []
    if content == draft.credits:
        draft.credits.clear()
        return content
    sentence = len(_words(content[0])) >= 8 and _ends_sentence(content[0])
    return content if sentence and not draft.credits else []


def _build(lines: list[str], src: SourceText, doc_id: str, seed: _Draft) -> Article | None:
    draft = seed
    lines = _cut_tail(_unwrap(list(lines)), draft)
    start = _read_header(lines, draft, has_title=draft.title is not None)
    paragraphs = _read_body(lines[start:], draft)
    if not paragraphs:
        paragraphs = _whole_text_as_credit(lines, draft)
    if not paragraphs:
        return None
    publisher = draft.publisher or (publisher_from_url(draft.url) if draft.url else None)
    return Article(
        doc_id=doc_id, source=src.name, text="\n\n".join(paragraphs), title=draft.title,
        subtitle=draft.subtitle, authors=tuple(draft.authors), date=draft.date, publisher=publisher,
        url=draft.url, credits=tuple(draft.credits),
        kind="opinion" if _is_opinion(paragraphs, draft.opinion_label) else "news",
        comments=draft.comments, language=draft.language)


# ---------------------------------------------------------------- the source


def _seed_from_metadata(src: SourceText) -> _Draft:
    """Metadata a jsonl line or html page carried is taken as given."""
    draft = _Draft()
    for key, value in src.metadata:
        value = normalise_text(value).strip()
        if not value:
            continue
        if key == "title":
            draft.title = draft.title or value
        elif key in {"author", "authors"}:
            draft.add_authors([_strip_post_nominals(a.strip()) for a in value.split(";") if a.strip()])
        elif key == "date":
            draft.date = draft.date or parse_date(value) or (value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value)
                                                             else None)
        elif key == "url":
            draft.url = draft.url or value
        elif key == "publisher":
            draft.publisher = draft.publisher or value
        elif key == "credit":
            draft.add_credit(value)
        elif key == "language":
            draft.language = value
    return draft


def normalise_text(text: str) -> str:
    """Unify newlines, drop zero-width characters and turn no-break spaces into plain spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # str.translate looks every character up in a dict once the text is not ASCII (curly quotes are
    # enough); one str.replace per character is a fast scan that mostly finds nothing.
    for char in _ZERO_WIDTH:
        text = text.replace(char, "")
    for char in _SPACES:
        text = text.replace(char, " ")
    return text


def split_articles(lines: Sequence[str]) -> list[list[str]]:
    """Split a file's lines at separator lines ("………", "-----") into one list per article."""
    segments: list[list[str]] = [[]]
    for line in lines:
        if ARTICLE_SEPARATOR.match(line):
            segments.append([])
        else:
            segments[-1].append(line)
    return [s for s in segments if any(l.strip() for l in s)]


def clean_source(src: SourceText) -> list[Article]:
    """Split one source into its articles ("000", "000-2", ...), each cleaned of page furniture."""
    lines = normalise_text(src.text).split("\n")
    articles: list[Article] = []
    for index, segment in enumerate(split_articles(lines)):
        # Metadata from the reader describes the file's (first) article, not later ones.
        seed = _seed_from_metadata(src) if index == 0 else _Draft()
        doc_id = src.doc_id if not articles else f"{src.doc_id}-{len(articles) + 1}"
        article = _build(segment, src, doc_id, seed)
        if article is not None:
            articles.append(article)
    return articles
