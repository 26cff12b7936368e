"""Order smoothing: a lone page the page classifier doubts follows its neighbours."""

from __future__ import annotations

import numpy as np

from fiscalocr.classify.sequence import learn_transitions, posteriors, viterbi

LABELS = ["cover", "tables", "explanation"]


def test_viterbi_relabels_a_doubtful_page_between_two_sure_ones():
    model = learn_transitions([["cover", "tables", "tables", "tables", "explanation"]] * 20, LABELS)
    priors = np.full(3, 1 / 3)
    proba = np.array(
        [
            [0.98, 0.01, 0.01],
            [0.01, 0.97, 0.02],
            [0.05, 0.40, 0.55],  # a table page that reads like narrative
            [0.01, 0.97, 0.02],
            [0.01, 0.02, 0.97],
        ]
    )
    path = [LABELS[k] for k in viterbi(proba, model, priors)]
    assert path == ["cover", "tables", "tables", "tables", "explanation"]
    post = posteriors(proba, model, priors)
    assert np.allclose(post.sum(axis=1), 1.0)
    assert post[2, 1] > 0.5 and post[2, 1] < post[1, 1]  # forced by neighbours: less sure


def test_a_confident_page_outside_the_usual_order_keeps_its_label():
    model = learn_transitions([["cover", "tables", "explanation"]] * 20, LABELS)
    priors = np.full(3, 1 / 3)
    proba = np.array([[0.01, 0.98, 0.01], [0.01, 0.01, 0.98], [0.01, 0.98, 0.01]])
    path = [LABELS[k] for k in viterbi(proba, model, priors)]
    assert path == ["tables", "explanation", "tables"]
