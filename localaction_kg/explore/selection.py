"""A selection of the explorer, parsed from query parameters and checked: what the URL says.

>>> s = parse_selection([("gcm", "15"), ("gcm", "7"), ("country", "lbn"), ("year", "2021-2022")])
>>> s.values["gcm"], s.values["country"], s.years
(('15', '7'), ('LBN',), ((2021, 2022),))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .facets import BASIS_VALUES, BY_NAME

__all__ = ["Selection", "SelectionError", "parse_selection", "SORTS", "MAX_PAGE_SIZE", "PARAMETERS"]

MAX_PAGE_SIZE = 100
#: sort keys (``-`` before one reverses it); ``relevance`` needs ``q``
SORTS: tuple[str, ...] = ("relevance", "title", "start", "end", "country", "kind")
#: every parameter the explorer reads, besides the facets
PARAMETERS: tuple[str, ...] = ("q", "page", "page_size", "sort", "format", "view", "lang")


class SelectionError(ValueError):
    """A parameter value the explorer cannot use: which parameter, which value, what it accepts."""

    def __init__(self, parameter: str, value: str, detail: str, allowed: Sequence[str] | None = None) -> None:
        super().__init__(detail)
        self.parameter = parameter
        self.value = value
        self.detail = detail
        self.allowed = list(allowed) if allowed is not None else None


@dataclass(frozen=True)
class Selection:
    """Selected values per facet (OR within a facet, AND across), the search, the page and the order."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    years: tuple[tuple[int, int], ...] = ()
    q: str = ""
    page: int | None = 1  # None: every match
    page_size: int = 20
    sort: str = ""

    def selected(self, facet: str) -> tuple[str, ...]:
        if facet == "year":
            return tuple(f"{a}" if a == b else f"{a}-{b}" for a, b in self.years)
        return self.values.get(facet, ())

    @property
    def bases(self) -> tuple[str, ...] | None:
        """The selected basis grades (``inferred`` expanded), None when every basis counts."""
        chosen = self.values.get("basis")
        if not chosen:
            return None
        out: list[str] = []
        for b in chosen:
            out += ["inferred-text", "inferred-framework"] if b == "inferred" else [b]
        return tuple(dict.fromkeys(out))

    def effective_sort(self) -> tuple[str, bool]:
        """(key, descending): relevance when searching and no order is asked, else title."""
        key = self.sort or ("relevance" if self.q else "title")
        desc = key.startswith("-")
        key = key.lstrip("-")
        if key == "relevance" and not self.q:
            key = "title"
        return key, desc

    def params(self, *, without: tuple[str, str] | None = None, adding: tuple[str, str] | None = None,
               page: int | None = None, keep_page: bool = False, sort: str | None = None) -> list[tuple[str, str]]:
        """The selection as query parameters (the URL state), with one value removed or added."""
        out: list[tuple[str, str]] = []
        for name in BY_NAME:
            for v in self.selected(name):
                if without != (name, v):
                    out.append((name, v))
        if adding and adding not in out:
            out.append(adding)
        if self.q:
            out.append(("q", self.q))
        chosen_sort = self.sort if sort is None else sort
        if chosen_sort:
            out.append(("sort", chosen_sort))
        if page is not None and page > 1:
            out.append(("page", str(page)))
        elif keep_page and self.page and self.page > 1:
            out.append(("page", str(self.page)))
        if self.page_size != 20:
            out.append(("page_size", str(self.page_size)))
        return out

    def is_empty(self) -> bool:
        return not self.values and not self.years and not self.q


def _int(name: str, raw: str, low: int, high: int | None = None) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SelectionError(name, raw, f"{name} must be a whole number, not '{raw}'") from None
    if value < low or (high is not None and value > high):
        most = f" and at most {high}" if high is not None else ""
        raise SelectionError(name, raw, f"{name} must be at least {low}{most}, not {value}")
    return value


def parse_selection(pairs: Iterable[tuple[str, str]], *, known: dict[str, set[str]] | None = None) -> Selection:
    """Check and normalise the parameters; :class:`SelectionError` names the first bad one.

    ``known`` gives the known values of closed facets (an unknown one is refused with the list).
    """
    values: dict[str, list[str]] = {}
    years: list[tuple[int, int]] = []
    q, page, page_size, sort = "", "1", "20", ""
    for name, raw in pairs:
        if name == "q":
            q = " ".join(raw.split())[:500]
            continue
        if name == "page":  # an empty value (a form's blank field) means the default, as for the facets
            page = raw.strip() or page
            continue
        if name == "page_size":
            page_size = raw.strip() or page_size
            continue
        if name == "sort":
            sort = raw.strip() or sort
            continue
        facet = BY_NAME.get(name)
        if facet is None:
            continue  # format, view, lang and unknown parameters are not the selection's
        value = facet.normalise(raw)
        if not value:
            continue
        if not facet.well_formed(value):
            raise SelectionError(name, raw, f"'{raw}' is not a valid value of {name}: {facet.values_doc}")
        if name == "year":
            first, _, last = value.partition("-")
            a, b = int(first), int(last or first)
            if a > b:
                raise SelectionError(name, raw, f"year range '{raw}' ends before it starts; write {b}-{a}")
            years.append((a, b))
            continue
        if name == "basis":
            if value not in BASIS_VALUES:
                raise SelectionError(name, raw, f"'{raw}' is not a basis; use one of: {', '.join(BASIS_VALUES)}",
                                     BASIS_VALUES)
        elif facet.closed and known is not None and value not in known.get(name, set()):
            allowed = sorted(known.get(name, set()), key=_natural)
            raise SelectionError(name, raw, f"'{raw}' is not a known value of {name} ({facet.values_doc}); "
                                 f"known values: {', '.join(allowed)}", allowed)
        if value not in values.setdefault(name, []):
            values[name].append(value)
    size = _int("page_size", page_size, 1, MAX_PAGE_SIZE)
    number = None if page == "all" else _int("page", page, 1)
    key = sort.lstrip("-")
    if sort and key not in SORTS:
        raise SelectionError("sort", sort, f"sort must be one of {', '.join(SORTS)} (with '-' before it to "
                             f"reverse), not '{sort}'", list(SORTS))
    return Selection({k: tuple(v) for k, v in values.items()}, tuple(dict.fromkeys(years)), q, number, size, sort)


@lru_cache(maxsize=1 << 14)
def _natural(value: str) -> tuple[object, ...]:
    """Sort key putting "2" before "10" and "10.2" before "10.10".

    >>> sorted(["10", "2", "1.a", "1.10", "1.2"], key=_natural)
    ['1.2', '1.10', '1.a', '2', '10']
    """
    import re

    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", value))
