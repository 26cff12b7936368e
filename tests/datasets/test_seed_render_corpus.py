"""The seed-render corpus plan: every render at every level and damage model, all test."""

from __future__ import annotations

import pytest

from fiscalocr.datasets.seeds.check import TruthCheck
from fiscalocr.datasets.seeds.corpus import plan_seed_corpus
from fiscalocr.datasets.seeds.render import RenderedSeed
from fiscalocr.model import Document, DocumentFacts, Source


def _render(tmp_path, name: str) -> RenderedSeed:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(b"%PDF-1.7 stand-in")
    truth = Document(source=Source(file=pdf.name, sha256="0" * 64, page_count=1),
                     document=DocumentFacts(kind="budget", department=None, year=2024))  # fmt: skip
    return RenderedSeed(
        name, pdf, truth, TruthCheck([], [], ("budget", None, 2024), ("budget", None, 2024)), []
    )


def test_plan_covers_renders_levels_and_damage_models(tmp_path):
    renders = [_render(tmp_path, "000_x-office"), _render(tmp_path, "000_x-print")]
    plan = plan_seed_corpus(renders, ["light", "heavy"], seed=5, damage=["fiscalocr", "augraphy"])
    assert plan.origin == "realpdf" and plan.split_fractions == {"test": 1.0}
    assert {d.split for d in plan.documents} == {"test"}  # never training data
    assert len(plan.documents) == 2 * 2 * 2
    ids = [d.id for d in plan.documents]
    assert ids[:4] == ["000_x-office@light", "000_x-office@light-augraphy",
                       "000_x-office@heavy", "000_x-office@heavy-augraphy"]  # fmt: skip
    first = plan.documents[1]
    assert (first.pdf, first.damage_model, first.seed) == (
        "light/000_x-office-light-augraphy.pdf",
        "augraphy",
        5,
    )
    assert {d.seed for d in plan.documents if d.source.endswith("print.pdf")} == {6}
    assert {d.source for d in plan.documents} == {"born/000_x-office.pdf", "born/000_x-print.pdf"}


def test_plan_refuses_unknown_levels_and_damage(tmp_path):
    renders = [_render(tmp_path, "000_x-office")]
    with pytest.raises(ValueError, match="levels"):
        plan_seed_corpus(renders, ["grainy"], seed=0)
    with pytest.raises(ValueError, match="damage"):
        plan_seed_corpus(renders, ["medium"], seed=0, damage=["inkjet"])
