"""Named tolerances and costs of the reconciliation stage (every magic number has a name).

Costs are negative log-probabilities (nats): a candidate costing 3.0 is believed about
e^-3 ≈ 5% as likely as the reading it would replace.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReconcileOptions:
    """What counts as agreement, what a repair may cost, and how sure a repair must be."""

    tolerance_per_term: float = 0.01
    """The smallest printed step, in the table's unit (a whole-元 table uses its own
    larger step). A rule ``total = Σ n parts`` holds within ``(n + 1) // 2`` steps, the
    most that rounding each printed figure to its step can make ("尾数误差"), and
    exactly when ``n`` is 1."""
    narrative_pct_slack: float = 0.005
    """Extra slack (percentage points) on top of the printed precision of a percentage."""

    cost_confusion: float = 3.0
    """A digit swapped for a look-alike (0/8/6/9/3, 1/7/4, 5/6/8, 2/7) with no CTC evidence."""
    cost_other_digit: float = 5.5
    """A digit swapped for one that does not look alike (only offered by CTC evidence)."""
    cost_digit_dropped: float = 4.0
    """The reading lost a digit (the candidate inserts one)."""
    cost_digit_added: float = 4.0
    """The reading gained a digit (the candidate deletes one)."""
    cost_glued_characters: float = 2.0
    """Characters of a neighbouring cell glued to an amount (合24,458.43): dropping them
    is cheap, the amount itself is read."""
    cost_point_lost: float = 2.5
    """The decimal point was not read ("1.60" read "160")."""
    cost_point_moved: float = 3.0
    """The decimal point sits in the wrong place."""
    cost_separator: float = 2.0
    """A thousands comma read as a point, or the other way round."""
    cost_letter_for_digit: float = 3.5
    """A letter or symbol read for the digit it resembles (``é`` for 0, ``A`` for 4) with no
    alternative from the recogniser to price it: a little dearer than a look-alike digit,
    since a letter in an amount is itself a sign the print was damaged there."""
    cost_unread_kept: float = 6.0
    """Leaving a reading with letters for digits (``é.00``) without a value, when a
    candidate fits its rules: the cell printed an amount, and "no value" is the one
    reading that is surely wrong. Below ``break_cost``, so a candidate that breaks a rule
    loses to leaving the cell unread."""
    cost_reread: float = 1.0
    """A re-read of the crop at another scale gave this other reading."""
    reread_agreement_bonus: float = 1.5
    """Added to every other candidate when the re-read agrees with the first reading."""
    ctc_floor_prob: float = 5e-3
    """Probability assumed for a look-alike digit the recogniser did not list among its
    alternatives (it lists those above 1%; CTC is often over-confident on look-alikes).
    A digit neither listed nor look-alike is not offered."""
    max_candidate_cost: float = 7.0
    """Candidates costlier than this are not offered: the OCR evidence rules them out."""

    residual_cost_per_cent: float = 1.0
    """Cost of each hundredth by which a rule misses exact balance (still within tolerance):
    rounding makes small misses possible, not likely, so among repairs the one that
    balances best wins and look-alike values inside the tolerance are not equally good."""
    break_cost: float = 8.0
    """Cost of leaving a violated rule violated (what a misprint in the source costs)."""
    min_margin: float = 2.0
    """A repair is accepted only if every other solution changing that cell costs at least
    this much more (e^2 ≈ 7× less likely)."""
    confident_char_prob: float = 0.9
    """OCR evidence is 'confident' when every character's best reading is at least this."""
    solver_seconds: float = 5.0
    """Work limit of one CP-SAT solve, in its deterministic seconds (repeatable: the same
    document gets the same answer on a loaded machine; see ``solver.WALL_LIMIT_FACTOR``)."""
    max_suspects: int = 400
    """Components with more suspect cells than this are reported, not solved."""
