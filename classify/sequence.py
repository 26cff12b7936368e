"""Order smoothing of page sections: sections run in order (封面 → 目录 → 概况 → 报表 → …).

A page classifier alone mislabels a lone page (a 报表 page that is mostly a note, a
说明 page that quotes a table). Treating the per-page probabilities as emissions of a
first-order hidden Markov chain whose transitions are counted on training documents,
Viterbi picks the most likely sequence; each page's confidence is then its posterior
from forward-backward, so a label forced by its neighbours is reported as less sure.
"""

from __future__ import annotations

import numpy as np

# Add-k smoothing of transition counts: an unseen transition stays possible.
TRANSITION_PSEUDOCOUNT = 0.5
# Share of uniform jump mixed into start and transition probabilities at use time: real
# documents order their parts differently from the training set (名词解释 before the
# tables, a tables-only file with no cover), so the order is a preference, not a law.
ORDER_JUMP = 0.3


def learn_transitions(sequences: list[list[str]], labels: list[str]) -> dict:
    """Start and transition log-probabilities counted over training documents."""
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    start = np.full(k, TRANSITION_PSEUDOCOUNT)
    trans = np.full((k, k), TRANSITION_PSEUDOCOUNT)
    for seq in sequences:
        if not seq:
            continue
        start[index[seq[0]]] += 1
        for a, b in zip(seq, seq[1:], strict=False):
            trans[index[a], index[b]] += 1
    return {
        "labels": list(labels),
        "log_start": np.log(start / start.sum()).tolist(),
        "log_trans": np.log(trans / trans.sum(axis=1, keepdims=True)).tolist(),
    }


def _order_model(model: dict) -> tuple[np.ndarray, np.ndarray]:
    """Log start and transition probabilities with the uniform jump mixed in."""
    start = np.exp(np.asarray(model["log_start"]))
    trans = np.exp(np.asarray(model["log_trans"]))
    k = len(start)
    start = (1 - ORDER_JUMP) * start + ORDER_JUMP / k
    trans = (1 - ORDER_JUMP) * trans + ORDER_JUMP / k
    return np.log(start), np.log(trans)


def _log_emissions(proba: np.ndarray, priors: np.ndarray) -> np.ndarray:
    """Scaled likelihoods p(x|y) ∝ p(y|x) / p(y) (hybrid HMM trick), in log space."""
    return np.log(np.clip(proba, 1e-9, 1.0)) - np.log(np.clip(priors, 1e-9, 1.0))


def viterbi(proba: np.ndarray, model: dict, priors: np.ndarray) -> list[int]:
    """Most likely label index sequence for one document's pages."""
    if len(proba) == 0:
        return []
    emit = _log_emissions(proba, priors)
    log_start, log_trans = _order_model(model)
    score = log_start + emit[0]
    back = np.zeros((len(proba), len(score)), dtype=int)
    for t in range(1, len(proba)):
        cand = score[:, None] + log_trans
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emit[t]
    path = [int(score.argmax())]
    for t in range(len(proba) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def posteriors(proba: np.ndarray, model: dict, priors: np.ndarray) -> np.ndarray:
    """Per-page posterior label probabilities given the whole document (forward-backward)."""
    from scipy.special import logsumexp

    n = len(proba)
    if n == 0:
        return proba
    emit = _log_emissions(proba, priors)
    log_start, log_trans = _order_model(model)
    fwd = np.zeros_like(emit)
    bwd = np.zeros_like(emit)
    fwd[0] = log_start + emit[0]
    for t in range(1, n):
        fwd[t] = logsumexp(fwd[t - 1][:, None] + log_trans, axis=0) + emit[t]
    for t in range(n - 2, -1, -1):
        bwd[t] = logsumexp(log_trans + emit[t + 1] + bwd[t + 1], axis=1)
    post = fwd + bwd
    post -= logsumexp(post, axis=1, keepdims=True)
    return np.exp(post)
