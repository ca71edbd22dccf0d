"""Choosing the interface language from ?lang=, the cookie and Accept-Language (i18n/negotiation.py)."""

from __future__ import annotations

import pytest

from localaction_kg.i18n.negotiation import MAX_RANGES, choose_language, parse_accept_language, supported


@pytest.mark.parametrize(
    ("header", "ranges"),
    [
        ("es-ES,es;q=0.9", ["es-ES", "es"]),
        ("en;q=0.2, fr;q=0.8, es", ["es", "fr", "en"]),
        ("fr;q=0.5, es;q=0.5", ["fr", "es"]),  # equal weights keep the header's order
        ("fr;q=0, en", ["en"]),  # q=0: not acceptable
        ("FR-ca ; Q = 0.7", ["FR-ca"]),
        ("*", ["*"]),
        ("", []),
        (None, []),
    ],
)
def test_ranges_come_out_by_weight(header: str | None, ranges: list[str]) -> None:
    assert parse_accept_language(header) == ranges


@pytest.mark.parametrize(
    "garbage",
    [
        ";;;,,,",
        "fr;q=abc",
        "fr;q=2",
        "fr;q=nan",
        "fr;q=-1",
        "fr;q=0.12345",
        "fr_FR",
        "français",
        "fr-" + "x" * 200,
        "\x00\xff",
        "q=1;fr",
        "=,;q",
    ],
)
def test_malformed_ranges_are_skipped_never_raised(garbage: str) -> None:
    assert parse_accept_language(garbage) == []
    assert choose_language(None, None, garbage) == "en"


def test_a_huge_header_is_read_only_so_far() -> None:
    header = ",".join(["de"] * MAX_RANGES + ["fr"])
    assert parse_accept_language(header) == ["de"] * MAX_RANGES
    assert choose_language(None, None, header) == "en"


@pytest.mark.parametrize(
    ("tags", "lang"),
    [
        (["fr"], "fr"),
        (["FR"], "fr"),
        (["es-419"], "es"),
        (["de", "es-MX"], "es"),
        (["de"], None),
        (["*"], None),
        (["fr-"], None),
        (["fr;q=1"], None),
    ],
)
def test_supported_maps_a_tag_to_one_of_our_languages(tags: list[str], lang: str | None) -> None:
    assert supported(tags) == lang


@pytest.mark.parametrize(
    ("query", "cookie", "header", "lang"),
    [
        ("fr", None, None, "fr"),
        ("fr", "es", "es", "fr"),  # ?lang= first
        (None, "es", "fr", "es"),  # then the cookie
        ("de", "es", "fr", "es"),  # an unknown ?lang= is ignored
        (None, "xx", "es-ES,es;q=0.9", "es"),  # so is an unknown cookie
        (None, None, "es-ES,es;q=0.9", "es"),
        (None, None, "de-DE, de;q=0.9, fr;q=0.4", "fr"),
        (None, None, "de", "en"),
        (None, None, "*", "en"),
        (None, None, None, "en"),
        ("", "", "", "en"),
    ],
)
def test_query_then_cookie_then_header_then_english(
    query: str | None, cookie: str | None, header: str | None, lang: str
) -> None:
    assert choose_language(query, cookie, header) == lang
