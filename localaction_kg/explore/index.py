"""The facet index: a roaring bitmap of action ids per facet value, and the counts of a selection.

Derived from the store (:mod:`.extract`), never the source of truth. Concept facets keep one bitmap
per (value, basis), so ``basis`` restricts the same contribution; funding keeps one per (funder,
status) pair, so ``funder`` and ``funding_status`` qualify the same funding relation. A facet's
counts apply every selection but its own.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pyroaring import BitMap

from .facets import BY_NAME, CONCEPT, FACETS
from .records import BASES, ActionRecord, Vocabulary
from .search import TextIndex
from .selection import Selection, _natural

__all__ = ["FacetIndex", "Counts", "ValueCount"]

_ALL = object()


@dataclass
class ValueCount:
    """One facet value with its count under the selection (and, for concept facets, by basis)."""

    value: str
    count: int
    by_basis: dict[str, int] | None = None


@dataclass
class Counts:
    """What a selection gives: the matching ids (in order, on demand), the total and every facet's counts."""

    total: int
    matched: BitMap
    order: Callable[[BitMap, int | None], list[int]]
    facets: dict[str, list[ValueCount]] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)
    _all: list[int] | None = None

    @property
    def ids(self) -> list[int]:
        """Every matching id, in the selection's order."""
        if self._all is None:
            self._all = self.order(self.matched, None)
        return self._all

    def page(self, start: int, size: int) -> list[int]:
        """The ids of one page, without ordering every match when the page is near the start."""
        if self._all is not None:
            return self._all[start:start + size]
        return self.order(self.matched, start + size)[start:start + size]


@lru_cache(maxsize=1 << 17)
def _fold(text: str) -> str:
    """A sort key without case or accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


class FacetIndex:
    """Bitmaps per facet value over the actions' records, with the text index beside them."""

    def __init__(self) -> None:
        self.records: dict[int, ActionRecord] = {}
        self.ids: dict[str, int] = {}
        self._next = 0
        self.live = BitMap()
        self.plain: dict[str, dict[str, BitMap]] = {f.name: {} for f in FACETS if f.coupling == "plain"}
        self.concept: dict[str, dict[str, dict[str, BitMap]]] = {name: {} for name in CONCEPT}
        self.any_basis: dict[str, BitMap] = {b: BitMap() for b in BASES}
        #: per concept value, the actions whose strongest basis of a link to it is each basis (disjoint)
        self.strongest: dict[str, dict[str, dict[str, BitMap]]] = {name: {} for name in CONCEPT}
        self.funding: dict[tuple[str, str], BitMap] = {}
        self.funder_any: dict[str, BitMap] = {}
        self.status_any: dict[str, BitMap] = {}
        self.by_start: dict[int, BitMap] = {}
        self.by_last: dict[int, BitMap] = {}
        self.open_ended = BitMap()
        self.text = TextIndex()
        self.vocabulary = Vocabulary()
        self._sort_keys: dict[str, dict[int, tuple[object, ...]]] = {}
        self._sort_orders: dict[str, list[int]] = {}
        self._active_years: dict[int, BitMap] = {}
        self._folded: dict[str, dict[str, str]] = {}

    # -- building and updating --------------------------------------------------------------
    def add_all(self, records: Iterable[ActionRecord]) -> None:
        rows = []
        for rec in sorted(records, key=lambda r: (_fold(r.title()), r.iri)):
            i = self._add(rec)
            rows.append((i, list(rec.titles.values()), list(rec.descriptions.values()), rec.names))
        self.text.put_many(rows)

    def put(self, rec: ActionRecord) -> None:
        """Add an action, or replace what the index holds of it."""
        self.remove(rec.iri)
        i = self._add(rec)
        self.text.put(i, list(rec.titles.values()), list(rec.descriptions.values()), rec.names)

    def remove(self, iri: str) -> None:
        i = self.ids.pop(iri, None)
        if i is None:
            return
        rec = self.records.pop(i)
        for bm in self._postings(rec, create=False):
            bm.discard(i)
        self.live.discard(i)
        self.text.remove(i)
        self.clear_caches()

    def _add(self, rec: ActionRecord) -> int:
        i = self._next
        self._next += 1
        self.ids[rec.iri] = i
        self.records[i] = rec
        for bm in self._postings(rec, create=True):
            bm.add(i)
        self.live.add(i)
        self.clear_caches()
        return i

    def _postings(self, rec: ActionRecord, *, create: bool) -> Iterator[BitMap]:
        """Every bitmap the action belongs to (created when ``create``)."""
        empty = BitMap()

        def at(table: dict[str, BitMap], key: str) -> BitMap:
            if key not in table:
                if not create:
                    return empty
                table[key] = BitMap()
            return table[key]

        plain = {"kind": rec.kinds, "country": rec.countries, "region": rec.regions,
                 "submitter": {s.rsplit("/", 1)[-1] for s in rec.submitters if not s.startswith("_:")},
                 "submitter_kind": rec.submitter_kinds, "population": rec.populations, "status": rec.statuses,
                 "source": rec.sources}
        for facet, values in plain.items():
            for v in values:
                yield at(self.plain[facet], v)
        best: dict[tuple[str, str], str] = {}
        for c in rec.contributions:
            yield at(self.concept[c.facet].setdefault(c.value, {}) if create else
                     self.concept[c.facet].get(c.value, {}), c.basis)
            yield self.any_basis[c.basis]
            key = (c.facet, c.value)
            if key not in best or BASES.index(c.basis) < BASES.index(best[key]):
                best[key] = c.basis
        for (facet, value), basis in best.items():
            yield at(self.strongest[facet].setdefault(value, {}) if create else
                     self.strongest[facet].get(value, {}), basis)
        for f in rec.funding:
            status = f.status or ""
            for funder in f.funders:
                key = (funder, status)
                if key not in self.funding and create:
                    self.funding[key] = BitMap()
                yield self.funding.get(key, empty)
                yield at(self.funder_any, funder)
            if f.status:
                yield at(self.status_any, f.status)
        first, last = rec.first_year(), rec.last_year()
        if first is not None:
            yield at_int(self.by_start, first, create, empty)
            if last is None:
                yield self.open_ended
            else:
                yield at_int(self.by_last, last, create, empty)

    def clear_caches(self) -> None:
        """Forget what was derived from the bitmaps and labels (after a change of either)."""
        self._sort_keys.clear()
        self._sort_orders.clear()
        self._active_years.clear()
        self._folded.clear()

    # -- answering ------------------------------------------------------------------------
    def known_values(self) -> dict[str, set[str]]:
        """The values each closed facet accepts: its vocabulary and what the records hold."""
        out: dict[str, set[str]] = {}
        for f in FACETS:
            vals = set(self.vocabulary.values(f.name))
            if f.coupling == "plain":
                vals |= set(self.plain[f.name])
            elif f.coupling == "concept":
                vals |= set(self.concept[f.name])
            out[f.name] = vals
        out["funding_status"] = out.get("funding_status", set()) | set(self.status_any)
        return out

    def year_domain(self) -> list[int]:
        starts = [y for y, bm in self.by_start.items() if bm]
        if not starts:
            return []
        lasts = [y for y, bm in self.by_last.items() if bm]
        return list(range(min(starts), max([*starts, *lasts]) + 1))

    def active(self, first: int, last: int) -> BitMap:
        """Actions under way at some point in [first, last] (the ongoing-in-year query's meaning)."""
        started = BitMap.union(BitMap(), *(bm for y, bm in self.by_start.items() if y <= last))
        still = BitMap.union(self.open_ended, *(bm for y, bm in self.by_last.items() if y >= first))
        return started & still

    def _concept_value(self, facet: str, value: str, bases: Sequence[str] | None) -> BitMap:
        per = self.concept[facet].get(value, {})
        return BitMap.union(BitMap(), *(bm for b, bm in per.items() if bases is None or b in bases))

    def _constraints(self, sel: Selection, hits: BitMap | None) -> dict[str, BitMap]:
        """One bitmap per selected facet group (the funding pair is one group, ``q`` another)."""
        out: dict[str, BitMap] = {}
        bases = sel.bases
        for name, values in sel.values.items():
            facet = BY_NAME[name]
            if facet.coupling == "plain":
                table = self.plain[name]
                out[name] = BitMap.union(BitMap(), *(table.get(v, BitMap()) for v in values))
            elif facet.coupling == "concept":
                out[name] = BitMap.union(BitMap(), *(self._concept_value(name, v, bases) for v in values))
        if bases is not None and not any(c in sel.values for c in CONCEPT):
            out["basis"] = BitMap.union(BitMap(), *(self.any_basis[b] for b in bases))
        funding = self._funding_match(sel.values.get("funder"), sel.values.get("funding_status"))
        if funding is not None:
            out["funding"] = funding
        if sel.years:
            out["year"] = BitMap.union(BitMap(), *(self.active(a, b) for a, b in sel.years))
        if hits is not None:
            out["q"] = hits
        return out

    def _funding_match(self, funders: Sequence[str] | None, statuses: Sequence[str] | None) -> BitMap | None:
        if funders and statuses:
            return BitMap.union(BitMap(), *(self.funding.get((f, s), BitMap()) for f in funders for s in statuses))
        if funders:
            return BitMap.union(BitMap(), *(self.funder_any.get(f, BitMap()) for f in funders))
        if statuses:
            return BitMap.union(BitMap(), *(self.status_any.get(s, BitMap()) for s in statuses))
        return None

    def _context(self, constraints: dict[str, BitMap], leave_out: Iterable[str]) -> BitMap:
        skip = set(leave_out)
        chosen = [bm for k, bm in constraints.items() if k not in skip]
        if not chosen:
            return self.live
        return BitMap.intersection(self.live, *chosen) if len(chosen) > 1 else self.live & chosen[0]

    def count(self, sel: Selection, *, hits: dict[int, float] | None = None, facets: bool = True) -> Counts:
        """The matching actions (ordered, every one), the total, and every facet's counts."""
        hit_map = BitMap(hits) if hits is not None else None
        constraints = self._constraints(sel, hit_map)
        matched = self._context(constraints, ())
        scores = hits or {}

        def order(ids: BitMap, first: int | None) -> list[int]:
            return self._ordered(ids, sel, scores, first)

        counts = Counts(len(matched), matched, order, scores=scores)
        if facets:
            for f in FACETS:
                counts.facets[f.name] = self._facet_counts(f.name, sel, constraints)
        return counts

    def _facet_counts(self, name: str, sel: Selection, constraints: dict[str, BitMap]) -> list[ValueCount]:
        facet = BY_NAME[name]
        chosen = set(sel.selected(name))
        out: list[ValueCount] = []
        if facet.coupling == "plain":
            ctx = self._context(constraints, (name,))
            for v, bm in self.plain[name].items():
                n = ctx.intersection_cardinality(bm)
                if n or facet.closed or v in chosen:
                    out.append(ValueCount(v, n))
        elif facet.coupling == "concept":
            ctx = self._context(constraints, (name, "basis"))
            if sel.bases is None:  # every basis: the strongest-basis partition gives the stacks
                for v, parts in self.strongest[name].items():
                    stack = {b: ctx.intersection_cardinality(parts[b]) for b in BASES if b in parts}
                    out.append(ValueCount(v, sum(stack.values()), stack))
            bases = sel.bases or BASES
            for v, per in (self.concept[name].items() if sel.bases is not None else ()):
                seen = BitMap()
                by: dict[str, int] = {}
                for b in BASES:
                    if b in bases and b in per:
                        part = (per[b] & ctx) - seen
                        by[b] = len(part)
                        seen |= part
                out.append(ValueCount(v, len(seen), by))
        elif facet.coupling == "basis":
            ctx = self._context(constraints, (*CONCEPT, "basis"))
            picked = [c for c in CONCEPT if c in sel.values]
            for b in ("stated", "curated", "inferred", "inferred-text", "inferred-framework"):
                grades = ("inferred-text", "inferred-framework") if b == "inferred" else (b,)
                if picked:
                    bm = BitMap.intersection(ctx, *(BitMap.union(BitMap(), *(self._concept_value(c, v, grades)
                                                                             for v in sel.values[c]))
                                                    for c in picked))
                else:
                    bm = ctx & BitMap.union(BitMap(), *(self.any_basis[g] for g in grades))
                out.append(ValueCount(b, len(bm)))
            return out
        elif facet.coupling == "funding":
            ctx = self._context(constraints, ("funding",))
            other = sel.values.get("funding_status" if name == "funder" else "funder")
            keys = list(self.funder_any) if name == "funder" else list(self.status_any)
            for v in keys:
                bm = (self._funding_match([v], other) if name == "funder"
                      else self._funding_match(other, [v])) or BitMap()
                out.append(ValueCount(v, ctx.intersection_cardinality(bm)))
        elif facet.coupling == "year":
            ctx = self._context(constraints, ("year",))
            for y in self.year_domain():
                year = self._active_years.get(y)
                if year is None:
                    year = self._active_years[y] = self.active(y, y)
                out.append(ValueCount(str(y), ctx.intersection_cardinality(year)))
            return out
        listed = {vc.value for vc in out}
        if facet.closed:
            out += [ValueCount(v, 0, {} if facet.coupling == "concept" else None)
                    for v in self.vocabulary.values(name) if v not in listed]
        else:
            out = [vc for vc in out if vc.count > 0 or vc.value in chosen]
        out += [ValueCount(v, 0) for v in chosen if v not in {vc.value for vc in out}]
        if name in ("gcm", "principle", "sdg_goal", "sdg_target", "gcr", "theme", "grf", "kind", "status",
                    "funding_status"):
            out.sort(key=lambda vc: _natural(self.vocabulary.extra.get(name, {}).get(vc.value, {})
                                             .get("notation", vc.value)))
        else:
            folded = self._folded.setdefault(name, {})

            def label_key(vc: ValueCount) -> tuple[int, str]:
                key = folded.get(vc.value)
                if key is None:
                    key = folded[vc.value] = _fold(self.vocabulary.label(name, vc.value))
                return (-vc.count, key)

            out.sort(key=label_key)
        parents = self.vocabulary.parents.get(name)
        if parents:  # each value after its parent (a sub-region under its region)
            top = [vc for vc in out if vc.value not in parents]
            below = {vc.value: [c for c in out if parents.get(c.value) == vc.value] for vc in top}
            placed = [x for vc in top for x in (vc, *below[vc.value])]
            out = placed + [vc for vc in out if vc not in placed]
        return out

    # -- ordering ---------------------------------------------------------------------------
    def _key_table(self, key: str) -> dict[int, tuple[object, ...]]:
        table = self._sort_keys.get(key)
        if table is None:
            table = {}
            for i, rec in self.records.items():
                title = _fold(rec.title())
                if key == "start":
                    table[i] = (rec.start is None, rec.start or "", title)
                elif key == "end":
                    table[i] = (rec.end is None and not rec.ongoing, "9999" if rec.ongoing else rec.end or "", title)
                elif key == "country":
                    names = sorted(_fold(self.vocabulary.label("country", c)) for c in rec.countries)
                    table[i] = (not names, names[0] if names else "", title)
                elif key == "kind":
                    table[i] = (sorted(rec.kinds), title)
                else:
                    table[i] = (title, rec.iri)
            self._sort_keys[key] = table
        return table

    def _sorted_ids(self, key: str) -> list[int]:
        """Every live id in the order of ``key`` (cached until the index changes)."""
        cached = self._sort_orders.get(key)
        if cached is None:
            table = self._key_table(key)
            cached = sorted(self.live, key=table.__getitem__)
            self._sort_orders[key] = cached
        return cached

    def _ordered(self, matched: BitMap, sel: Selection, scores: dict[int, float], first: int | None) -> list[int]:
        """The matched ids in the selection's order; only the ``first`` ones when given."""
        key, desc = sel.effective_sort()
        if key == "relevance":
            titles = self._key_table("title")

            def rank(i: int) -> tuple[float, tuple[object, ...]]:
                return (-scores.get(i, 0.0) if not desc else scores.get(i, 0.0), titles[i])

            if first is not None and first < len(matched) // 4:
                return heapq.nsmallest(first, matched, key=rank)
            return sorted(matched, key=rank)
        if len(matched) * 8 < len(self.live):  # a narrow selection: sort it
            table = self._key_table(key)
            return sorted(matched, key=table.__getitem__, reverse=desc)
        ordered = self._sorted_ids(key)  # a broad one: walk the index's order, keeping its matches
        walk = reversed(ordered) if desc else iter(ordered)
        out: list[int] = []
        for i in walk:
            if i in matched:
                out.append(i)
                if first is not None and len(out) >= first:
                    break
        return out

    def __len__(self) -> int:
        return len(self.live)


def at_int(table: dict[int, BitMap], key: int, create: bool, empty: BitMap) -> BitMap:
    if key not in table:
        if not create:
            return empty
        table[key] = BitMap()
    return table[key]
