"""matplotlib figures for the report (Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path

from ..metrics import Metrics

LEVEL_FIGURES = {
    "numeric after": lambda m: m.numeric_cell_accuracy.after_reconciliation,
    "numeric before": lambda m: m.numeric_cell_accuracy.before_reconciliation,
    "TEDS": lambda m: m.teds,
    "grid exact": lambda m: m.grid_exact,
    "1 − CER": lambda m: None if m.cer is None else max(0.0, 1.0 - m.cer),
}


def _or_nan(value: float | None) -> float:
    """Unmeasured figures leave a gap rather than a bar at zero."""
    return float("nan") if value is None else value


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def accuracy_by_level(metrics: Metrics, path: Path) -> Path | None:
    """Grouped bars: each figure of merit for each damage level."""
    if not metrics.by_level:
        return None
    plt = _pyplot()
    levels = list(metrics.by_level)
    width = 0.8 / len(LEVEL_FIGURES)
    fig, ax = plt.subplots(figsize=(max(5.5, 1.4 * len(levels) + 2), 3.6))
    for k, (name, get) in enumerate(LEVEL_FIGURES.items()):
        values = [_or_nan(get(metrics.by_level[level])) for level in levels]
        ax.bar([i + k * width for i in range(len(levels))], values, width, label=name)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(levels))], levels)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share right")
    ax.set_title("Accuracy by damage level")
    ax.legend(fontsize=7, ncol=len(LEVEL_FIGURES), loc="upper center", bbox_to_anchor=(0.5, -0.12))
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def time_per_stage(metrics: Metrics, path: Path) -> Path | None:
    """Horizontal bars: seconds per page spent in each stage."""
    stages = metrics.pages_per_second.seconds_per_page_by_stage
    if not stages:
        return None
    plt = _pyplot()
    names = sorted(stages, key=stages.get)
    fig, ax = plt.subplots(figsize=(5.5, 0.35 * len(names) + 1.2))
    ax.barh(names, [stages[n] for n in names], color="#4a7ab5")
    ax.set_xlabel("seconds per page")
    ax.set_title("Time per stage")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
