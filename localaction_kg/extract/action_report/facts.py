"""The hand-checked facts of source 002, typed: ``blocks.yaml`` and ``facts.yaml`` beside this module.

What a parser cannot decide, read off the text block by block: actor slugs, labels and types,
action slugs, the actors that are not submitting blocks, partners, funders and amounts, spelling
variants and the posts stated in pull quotes. Each choice that is not a plain copy of the text
carries a comment in the YAML quoting the words it rests on.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any, Required, TypedDict

import yaml

__all__ = ["BlockFacts", "ActorFacts", "FundingFacts", "ExtraPost", "Facts", "blocks", "facts"]


class BlockFacts(TypedDict, total=False):
    """One submitting entity's block (see the head of blocks.yaml)."""

    slug: Required[str]
    actions: Required[list[str]]
    label: str
    type: str
    alt: list[str]
    country: str | None
    actor_countries: list[str]
    submitters: list[str]


class ActorFacts(TypedDict, total=False):
    """An actor that is not a submitting block: its lak class, prefLabel, altLabels, country."""

    type: Required[str]
    label: Required[str]
    alt: list[str]
    country: str


class FundingFacts(TypedDict, total=False):
    """A stated funding; ``as_written`` must be verbatim in the action's description."""

    as_written: Required[str]
    funder: str
    recipient: str
    amount: list[str]  # [value, ISO 4217 currency]


class ExtraPost(TypedDict, total=False):
    """A post stated in a pull quote's attribution; ``name`` for a person no block names."""

    person: Required[str]
    org: Required[str]
    role: Required[str]
    title: Required[str]
    section: Required[str]
    post: Required[str]
    name: str


class Facts(TypedDict):
    """facts.yaml: the tables beside the blocks."""

    other_actors: dict[str, ActorFacts]
    actor_sections: dict[str, list[str]]
    partners: dict[str, list[str]]
    funding: dict[str, list[FundingFacts]]
    person_alt: dict[str, list[str]]
    person_name_fix: dict[str, str]
    extra_posts: list[ExtraPost]


def _load(name: str) -> Any:  # YAML: typed by the caller's annotation
    return yaml.safe_load(files(__package__).joinpath(name).read_text(encoding="utf-8"))


@cache
def blocks() -> dict[str, BlockFacts]:
    """The blocks of "CALL TO LOCAL ACTION 2022 SUBMISSIONS", keyed by the heading line as printed."""
    table: dict[str, BlockFacts] = _load("blocks.yaml")
    return table


@cache
def facts() -> Facts:
    """Everything in facts.yaml."""
    table: Facts = _load("facts.yaml")
    return table
