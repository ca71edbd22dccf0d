"""The extractors in the order their inputs need, and the run that writes what they build.

The reference comes first; source 002 before 000, 001, 003 and 004 (they read the labels of
data/sources/002); the curated links last (they check against all of data/). Each extractor
builds all its files before any is written, so bad input writes nothing of that step. A file
whose bytes are already right is left untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import action_report, curated, imrf_report, pilot_pledges, press_release, reference, roundtable_paper
from .errors import ExtractError
from .identifiers import append_identifiers
from .output import Output
from .paths import ExtractPaths

__all__ = ["Extractor", "EXTRACTORS", "StepResult", "run_extractor", "extract"]


@dataclass(frozen=True)
class Extractor:
    """One step of the extraction: its name on the command line and what it regenerates."""

    name: str
    summary: str
    build: Callable[[ExtractPaths], Output]


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("reference", "SDG, GCM, GCR, GRF, M49 countries, crosswalks, source documents", reference.extract),
    Extractor("002", "First Report on Local Action 2022: actions, actors, funding, Call themes", action_report.extract),
    Extractor("000", "press release of 16 May 2022: the launch, figures, partners", press_release.extract),
    Extractor("001", "IMRF Summary Report 2022: programme, participation, declarations", imrf_report.extract),
    Extractor("003", "UN Network guest blog: the 2019 pilot pledges", pilot_pledges.extract),
    Extractor("004", "IMRF Roundtable 4 paper: objectives, annex practices", roundtable_paper.extract),
    Extractor("curated", "data/curated/curation.yaml and the cross-source links", curated.extract),
)


@dataclass
class StepResult:
    """What one step did: the files it rewrote, those already right, the identifier rows it added."""

    name: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    identifiers_added: int = 0


def run_extractor(extractor: Extractor, paths: ExtractPaths) -> StepResult:
    """Build every file of one step, then write those whose bytes differ."""
    output = extractor.build(paths)
    result = StepResult(extractor.name)
    for name, text in output.files.items():
        path = paths.data_file(name)
        body = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == body:
            result.unchanged.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        result.written.append(name)
    result.identifiers_added = append_identifiers(paths.data_file("identifiers.csv"), output.identifiers)
    return result


def extract(
    names: Iterable[str] = (),
    paths: ExtractPaths | None = None,
    on_step: Callable[[StepResult], None] | None = None,
) -> list[StepResult]:
    """Run the named steps (all when none is named) in :data:`EXTRACTORS` order.

    Stops at the first step whose input is wrong (:class:`~.errors.ExtractError`, naming the
    step); the steps before it have written their files.
    """
    wanted = set(names)
    unknown = wanted - {e.name for e in EXTRACTORS}
    if unknown:
        known = ", ".join(e.name for e in EXTRACTORS)
        raise ExtractError(f"no extractor named {', '.join(sorted(unknown))} (known: {known})")
    paths = paths or ExtractPaths()
    results = []
    for extractor in EXTRACTORS:
        if wanted and extractor.name not in wanted:
            continue
        try:
            result = run_extractor(extractor, paths)
        except ExtractError as exc:
            raise ExtractError(f"{extractor.name}: {exc}") from exc
        results.append(result)
        if on_step is not None:
            on_step(result)
    return results
