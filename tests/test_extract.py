"""``localaction-kg extract``: rerunning every extractor leaves data/ byte for byte as committed.

The extractors run into a copy of data/ from which every file they regenerate was deleted first,
so each file is shown rebuilt from ../shared (not left alone), the later steps reading what the
earlier ones rebuilt. What is not regenerated is named: the human-edited inputs and the append-only
identifier registry, which must not grow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from localaction_kg.cli import main
from localaction_kg.config import PROJECT_ROOT
from localaction_kg.extract import EXTRACTORS, ExtractPaths, StepResult, extract

DATA = PROJECT_ROOT / "data"
#: Files under data/ that no extractor writes: the curation table and the submission examples are
#: edited by hand; identifiers.csv is only appended to (a minted slug never changes).
NOT_REGENERATED = {"curated/curation.yaml", "identifiers.csv"} | {
    f"examples/{p.name}" for p in (DATA / "examples").iterdir()
}


def committed() -> dict[str, bytes]:
    return {str(p.relative_to(DATA)): p.read_bytes() for p in sorted(DATA.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def rerun(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[StepResult]]:
    copy = tmp_path_factory.mktemp("extract") / "data"
    shutil.copytree(DATA, copy)
    for name in set(committed()) - NOT_REGENERATED:
        (copy / name).unlink()
    return copy, extract(paths=ExtractPaths(data=copy))


def test_every_step_ran_in_order(rerun: tuple[Path, list[StepResult]]) -> None:
    _, results = rerun
    assert [r.name for r in results] == [e.name for e in EXTRACTORS]
    assert [e.name for e in EXTRACTORS][:2] == ["reference", "002"] and EXTRACTORS[-1].name == "curated"


def test_every_generated_file_is_regenerated_and_nothing_else(rerun: tuple[Path, list[StepResult]]) -> None:
    _, results = rerun
    written = [name for r in results for name in r.written]
    assert sorted(written) == sorted(set(committed()) - NOT_REGENERATED)
    assert all(r.unchanged == [] for r in results)


def test_rerun_reproduces_data_byte_for_byte(rerun: tuple[Path, list[StepResult]]) -> None:
    copy, results = rerun
    now = {str(p.relative_to(copy)): p.read_bytes() for p in sorted(copy.rglob("*")) if p.is_file()}
    before = committed()
    assert sorted(now) == sorted(before)
    assert [name for name in before if now[name] != before[name]] == []
    assert sum(r.identifiers_added for r in results) == 0  # every minted slug is already registered


def test_a_second_run_writes_nothing(rerun: tuple[Path, list[StepResult]]) -> None:
    copy, _ = rerun
    again = extract(["003", "004"], ExtractPaths(data=copy))
    assert [(r.name, r.written, len(r.unchanged)) for r in again] == [("003", [], 1), ("004", [], 1)]


def test_cli_names_an_unknown_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "005"]) == 2
    assert "extract: no extractor named 005 (known: reference, 002, 000, 001, 003, 004, curated)" in (
        capsys.readouterr().err
    )


def test_cli_honours_the_sources_setting_and_a_bad_step_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LAKG_SOURCES_DIR", str(tmp_path / "nowhere"))
    assert main(["extract", "000", "--data", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert f"extract: 000: {tmp_path / 'nowhere'}/000_57eef5ebac7be74e.txt: source file not found" in err
    assert not (tmp_path / "data").exists()
