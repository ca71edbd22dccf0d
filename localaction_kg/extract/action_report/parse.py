"""Parse the submissions section of source 002 into blocks, actions and durations.

Pure text processing (no RDF): ``parse_blocks`` reads the text rendering of
"Localizing the Global Compacts: First Report on Local Action for Migrants and Refugees 2022" and
returns one :class:`Block` per submitting entity, each with its actions (title, duration,
description, line numbers). ``parse_duration`` turns a stated duration into dates.

Duration rule: the start date is the first day of the stated start period, the end date the last day
of the stated end period; "Ongoing" means no end date and ``ongoing=True``; a single period
("2019", "December 2021") is both the start and the end period. Seasons use meteorological seasons:
northern hemisphere Spring = Mar-May, Summer = Jun-Aug, Autumn/Fall = Sep-Nov, Winter = Dec of the
year - Feb of the next; southern hemisphere shifted by six months (Summer = Dec of the year - Feb of the
next, Winter = Jun-Aug). Only Boston's "Summer 2021" uses a season in this source (northern).

>>> d = parse_duration("Summer 2021 – Jan 2023")
>>> (d.start, d.start_precision, d.end, d.end_precision, d.ongoing)
('2021-06-01', 'SeasonPrecision', '2023-01-31', 'MonthPrecision', False)
>>> parse_duration("2019 – Ongoing").end is None
True
>>> parse_duration("May 2022 - Sept 2020").end  # kept as stated, although it ends before it starts
'2020-09-30'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractError

__all__ = [
    "Duration",
    "Action",
    "Block",
    "clean_markdown",
    "normalise",
    "parse_duration",
    "derive_status",
    "parse_blocks",
]

SECTION_HEADING = "CALL TO LOCAL ACTION 2022 SUBMISSIONS"
SECTION_END = "RECOMMENDATIONS"

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
#: first month of each three-month season (a season that starts in December ends in February of year + 1)
SEASONS_NORTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
SEASONS_SOUTH = {"spring": 9, "summer": 12, "autumn": 3, "fall": 3, "winter": 6}


@dataclass
class Duration:
    """A stated duration turned into ISO dates (strings) and precisions (lak: local names)."""

    start: str | None
    start_precision: str | None
    end: str | None
    end_precision: str | None
    ongoing: bool


@dataclass
class Action:
    """One TITLE/DURATION/PROJECT DESCRIPTION triple, with 1-based line numbers."""

    title: str
    title_line: int
    duration: str
    duration_line: int
    description: str = ""
    description_lines: tuple[int, int] = (0, 0)


@dataclass
class Block:
    """One submitting entity's block."""

    heading: str
    line_start: int
    line_end: int
    country_text: str | None
    role_title: str | None = None
    role_name: str | None = None
    actions: list[Action] = field(default_factory=list)


def clean_markdown(text: str) -> str:
    r"""Undo the text rendering's markdown: ``\$`` escapes and ``*emphasis*`` markers.

    >>> clean_markdown(r"a stipend of \$1,500 in *Todos Somos Barranquilla*")
    'a stipend of $1,500 in Todos Somos Barranquilla'
    """
    return text.replace("\\$", "$").replace("*", "")


def normalise(text: str) -> str:
    """Whitespace-collapsed, markdown-cleaned text: the form in which quotes are compared to the source."""
    return " ".join(clean_markdown(text).split())


def _period(text: str, southern: bool) -> tuple[str, str, str]:
    """(first day, last day, precision) of one stated period: "Jan 2022", "Summer 2021", "2019"."""
    words = text.strip().split()
    if len(words) == 1 and re.fullmatch(r"\d{4}", words[0]):
        y = int(words[0])
        return f"{y}-01-01", f"{y}-12-31", "YearPrecision"
    if len(words) == 2 and re.fullmatch(r"\d{4}", words[1]):
        name, y = words[0].lower(), int(words[1])
        if name in MONTHS:
            m = MONTHS[name]
            last = calendar.monthrange(y, m)[1]
            return f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last:02d}", "MonthPrecision"
        if name in SEASONS_NORTH:
            m0 = (SEASONS_SOUTH if southern else SEASONS_NORTH)[name]
            m_end, y_end = m0 + 2, y
            if m_end > 12:
                m_end, y_end = m_end - 12, y + 1
            last = calendar.monthrange(y_end, m_end)[1]
            return f"{y}-{m0:02d}-01", f"{y_end}-{m_end:02d}-{last:02d}", "SeasonPrecision"
    raise ExtractError(f"unrecognised period {text!r}: expected 'YYYY', 'Month YYYY' or 'Season YYYY'")


def parse_duration(text: str, southern: bool = False) -> Duration:
    """Dates of a stated duration such as "Jan 2022 – Jun 2023", "2019–2024" or "March 2022 – Ongoing"."""
    parts = [p.strip() for p in re.split(r"\s*[–-]\s*", text.strip())]
    if len(parts) == 1:
        first, last, prec = _period(parts[0], southern)
        return Duration(first, prec, last, prec, False)
    if len(parts) != 2:
        raise ExtractError(f"unrecognised duration {text!r}")
    s_first, _, s_prec = _period(parts[0], southern)
    if parts[1].lower() == "ongoing":
        return Duration(s_first, s_prec, None, None, True)
    _, e_last, e_prec = _period(parts[1], southern)
    return Duration(s_first, s_prec, e_last, e_prec, False)


def derive_status(d: Duration, as_of: str) -> str:
    """lak: status local name relative to the report's date (never today).

    >>> derive_status(parse_duration("Jul 2022 – Jun 2023"), "2022-05-31")
    'Planned'
    >>> derive_status(parse_duration("Dec 2020 - Feb 2022"), "2022-05-31")
    'Completed'
    """
    if d.start is not None and d.start > as_of:
        return "Planned"
    if d.end is not None and d.end < as_of:
        return "Completed"
    return "Ongoing"


_STOP = re.compile(r"^(TITLE:|PROJECT DESCRIPTION|DURATION:|“|\"|Photo:|Credit:)")
_ROLE = re.compile(r"^(Mayor|Governor|President|Lord Mayor|Chair):\s*(.+)$")


def parse_blocks(path: Path, headings: list[str]) -> list[Block]:
    """Blocks of the submissions section, found by their exact heading lines, in document order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        start = next(i for i, ln in enumerate(lines) if ln.strip() == SECTION_HEADING)
        end = next(i for i, ln in enumerate(lines) if i > start and ln.strip() == SECTION_END)
    except StopIteration as exc:
        raise ExtractError(f"{path}: section {SECTION_HEADING!r} .. {SECTION_END!r} not found") from exc
    found: list[tuple[int, str]] = []
    for h in headings:
        hits = [i for i in range(start, end) if lines[i].strip() == h]
        if len(hits) != 1:
            raise ExtractError(f"{path}: heading {h!r} found {len(hits)} times in the submissions section")
        found.append((hits[0], h))
    found.sort()
    blocks = []
    for k, (i, h) in enumerate(found):
        j = found[k + 1][0] if k + 1 < len(found) else end
        while j > i and not lines[j - 1].strip():
            j -= 1
        blocks.append(_parse_block(lines, i, j, h))
    return blocks


def _parse_block(lines: list[str], i: int, j: int, heading: str) -> Block:
    """One block: lines[i] is the heading, lines[i+1:j] its body (0-based, j exclusive)."""
    body = [(n, lines[n].strip()) for n in range(i + 1, j) if lines[n].strip()]
    block = Block(heading, i + 1, j, None)
    titles: list[Action] = []
    descs: list[tuple[str, int, int]] = []
    collecting = False
    for idx, (n, text) in enumerate(body):
        if idx == 0 and not _STOP.match(text) and not _ROLE.match(text):
            block.country_text = text
            continue
        role = _ROLE.match(text)
        if role and block.role_title is None:
            block.role_title, block.role_name = role.group(1), role.group(2).strip()
            collecting = False
            continue
        if text.startswith("TITLE:"):
            titles.append(Action(text[len("TITLE:") :].strip(), n + 1, "", 0))
            collecting = False
        elif text.startswith("DURATION:"):
            titles[-1].duration, titles[-1].duration_line = text[len("DURATION:") :].strip(), n + 1
        elif text.startswith("PROJECT DESCRIPTION"):
            descs.append((text[len("PROJECT DESCRIPTION") :].strip(), n + 1, n + 1))
            collecting = True
        elif collecting and not _STOP.match(text):
            # a continuation paragraph of the same description (Boston, Medellín, Mexico City)
            prev, a, _ = descs[-1]
            descs[-1] = (prev + "\n\n" + text, a, n + 1)
        else:
            collecting = False  # pull quotes, attributions, photo captions: not part of a description
    if len(titles) != len(descs):
        raise ExtractError(f"block {heading!r}: {len(titles)} titles but {len(descs)} descriptions")
    for act, (text, a, b) in zip(titles, descs, strict=True):
        act.description, act.description_lines = clean_markdown(text), (a, b)
    block.actions = titles
    return block
