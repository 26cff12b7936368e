"""``fiscalocr eval``: run the pipeline on labelled documents, then measure with ``eval/``.

Per document, in one run on the same pages: the pipeline without reconciliation (the
ablation), the reconciliation step on a copy of it (the full pipeline: reconciliation
works on the finished tables, so running the whole pipeline twice would only repeat OCR),
and bare PaddleOCR (detection + recognition on the raster, nothing else) as the baseline.
"""

from __future__ import annotations

import logging
import resource
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from fiscalocr.model import Document, FileMissingError, FiscalOcrError, NothingSelectedError

from .options import ConvertOptions
from .pipeline import convert_document, report_unread_amounts
from .stages import load_stages, ocr_options
from .wording import plural

log = logging.getLogger(__name__)


@dataclass
class LabelledDocument:
    name: str
    pdf: Path
    truth: Document
    level: str | None
    kind: str | None


def iter_labelled(
    dataset: Path,
    split: str | None,
    limit: int | None,
    levels: Sequence[str] = (),
    damage_models: Sequence[str] = (),
) -> Iterator[LabelledDocument]:
    """Labelled documents of a corpus manifest, or of a folder of ``X.pdf`` + ``X.gt.json``.

    ``levels`` and ``damage_models`` keep only the manifest documents scanned that way
    (empty: all). A document scanned by another damage model than ours reports its level
    as ``level-model`` (``medium-augraphy``), so every breakdown by level shows both.
    """
    for count, item in enumerate(_discover(dataset, split, levels, damage_models)):
        if limit is not None and count >= limit:
            return
        yield item


def _discover(
    dataset: Path, split: str | None, levels: Sequence[str], damage_models: Sequence[str]
) -> Iterator[LabelledDocument]:
    manifest = dataset if dataset.is_file() else dataset / "manifest.json"
    if manifest.is_file():
        from fiscalocr.datasets.manifest import DEFAULT_DAMAGE_MODEL, load_corpus

        entries = [
            e
            for e in load_corpus(manifest)
            if (not split or e.split == split)
            and (not levels or e.level in levels)
            and (not damage_models or e.damage_model in damage_models)
        ]
        stems = Counter(e.pdf_path.stem for e in entries)
        for entry in entries:
            group = entry.level
            if entry.damage_model != DEFAULT_DAMAGE_MODEL:
                group = f"{entry.level}-{entry.damage_model}"
            name = entry.pdf_path.stem
            if stems[name] > 1:  # scans of one real PDF at several levels share a stem
                name = f"{name}@{group}"
            yield LabelledDocument(name, entry.pdf_path, entry.truth, group, entry.kind)
        return
    for truth_path in sorted(dataset.rglob("*.gt.json")):
        pdf = truth_path.with_name(truth_path.name.removesuffix(".gt.json") + ".pdf")
        if pdf.is_file():
            truth = Document.model_validate_json(truth_path.read_text(encoding="utf-8"))
            yield LabelledDocument(pdf.stem, pdf, truth, None, truth.document.kind)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_labelled(
    item: LabelledDocument,
    options: ConvertOptions,
    baselines: bool,
    ocr_cache: Path | None = None,
):
    """The pipeline's output, its ablation, bare-OCR lines and timings for one document
    (OCR times are those of the cache when ``ocr_cache`` holds the pages)."""
    from fiscalocr.eval import EvalItem

    stages = load_stages(options, ocr_cache)
    start = time.perf_counter()
    ablation = convert_document(item.pdf, options, stages=replace(stages, reconcile=None))
    predicted = ablation.model_copy(deep=True)
    recon_start = time.perf_counter()
    if stages.reconcile is not None:
        stages.reconcile(predicted, item.pdf)
        report_unread_amounts(predicted)
    recon_seconds = time.perf_counter() - recon_start
    total = time.perf_counter() - start
    stage_seconds = {t.stage: t.seconds for t in ablation.timings}
    stage_seconds["reconcile"] = recon_seconds
    baseline_lines, baseline_seconds = None, None
    if baselines:
        baseline_lines, baseline_seconds = bare_ocr_lines(item.pdf, ablation, options)
    return EvalItem(
        name=item.name,
        predicted=predicted,
        truth=item.truth,
        level=item.level,
        kind=item.kind,
        baseline_lines=baseline_lines,
        ablation=ablation,
        stage_seconds=stage_seconds,
        total_seconds=total,
        baseline_seconds=baseline_seconds,
        pages=len(predicted.pages),
        peak_rss_mb=peak_rss_mb(),
    )


def bare_ocr_lines(pdf: Path, read: Document, options: ConvertOptions):
    """Bare PaddleOCR on the same pages, and its time: the baseline we must beat."""
    from fiscalocr import ocr

    ocr_opts = ocr_options(options)
    lines: dict[int, list] = {}
    start = time.perf_counter()
    with ocr.open_source(pdf) as source:
        for page in read.pages:
            try:
                lines[page.page] = ocr.bare_page_lines(source, page.page - 1, ocr_opts)
            except FiscalOcrError as error:
                log.warning("baseline page %d: %s", page.page, error)
                lines[page.page] = []
    return lines, time.perf_counter() - start


def evaluate_dataset(
    dataset: Path,
    *,
    json_path: Path | None = None,
    html_dir: Path | None = None,
    predictions: Path | None = None,
    split: str | None = "test",
    limit: int | None = None,
    baselines: bool = True,
    options: ConvertOptions | None = None,
    save_predictions: Path | None = None,
    levels: Sequence[str] = (),
    damage_models: Sequence[str] = (),
    ocr_cache: Path | None = None,
    progress: bool = False,
):
    """Score the pipeline on labelled documents (or score saved ``predictions``).

    A dataset that does not exist is an input error (exit 3); one whose selection holds
    no labelled document (an empty split) is refused (exit 2): all-null metrics would
    read as a run that measured something. ``progress`` shows a bar on a terminal.

    ``save_predictions`` keeps each document the pipeline produced as ``NAME.json``, the
    layout ``predictions`` reads, so a later change (a retrained classifier) can be
    scored again without reading the scans again. ``ocr_cache`` keeps each page's OCR
    output, so a layout or reconciliation change is measured without OCR (its timings
    are then not OCR's).
    """
    from fiscalocr.eval import EvalItem, evaluate, write_html_report

    options = options or ConvertOptions(force_ocr=True)
    items = []
    pdfs: dict[str, Path] = {}
    selected = select_labelled(dataset, split, limit, levels, damage_models)
    for labelled in _progress(selected, progress and predictions is None):
        pdfs[labelled.name] = labelled.pdf
        if predictions is not None:
            path = predictions / f"{labelled.name}.json"
            predicted = Document.model_validate_json(path.read_text(encoding="utf-8"))
            items.append(
                EvalItem(labelled.name, predicted, labelled.truth, labelled.level, labelled.kind)
            )
        else:
            log.info("evaluating %s", labelled.name)
            items.append(run_labelled(labelled, options, baselines, ocr_cache))
            if save_predictions is not None:
                save_predictions.mkdir(parents=True, exist_ok=True)
                (save_predictions / f"{labelled.name}.json").write_text(
                    items[-1].predicted.to_json(), encoding="utf-8"
                )
    metrics = evaluate(items)
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(metrics.model_dump_json(indent=1), encoding="utf-8")
    if html_dir is not None:
        write_html_report(metrics, items, html_dir, page_images=_page_image_reader(pdfs, items))
    return metrics


def select_labelled(
    dataset: Path,
    split: str | None,
    limit: int | None,
    levels: Sequence[str] = (),
    damage_models: Sequence[str] = (),
) -> list[LabelledDocument]:
    """The labelled documents to score; FileMissingError / NothingSelectedError when there
    are none, saying why."""
    if not dataset.exists():
        raise FileMissingError("no such dataset folder or manifest", path=str(dataset))
    selected = list(iter_labelled(dataset, split, limit, levels, damage_models))
    if selected:
        return selected
    everything = list(iter_labelled(dataset, None, None))
    if not everything:
        raise NothingSelectedError(
            "holds no labelled document (a manifest.json, or X.pdf with X.gt.json)",
            path=str(dataset),
        )
    asked = [f"split {split!r}"] if split else []
    asked += [f"level {', '.join(levels)}"] if levels else []
    asked += [f"damage {', '.join(damage_models)}"] if damage_models else []
    held = ", ".join(f"{name} {n}" for name, n in sorted(_split_sizes(dataset).items()))
    raise NothingSelectedError(
        f"{' and '.join(asked) or 'the selection'} selects no document of its "
        f"{plural(len(everything), 'labelled document')}" + (f" (splits: {held})" if held else ""),
        path=str(dataset),
    )


def _split_sizes(dataset: Path) -> Counter:
    """Documents per split of a manifest (empty for a plain folder of pairs)."""
    manifest = dataset if dataset.is_file() else dataset / "manifest.json"
    if not manifest.is_file():
        return Counter()
    from fiscalocr.datasets.manifest import load_corpus

    return Counter(e.split for e in load_corpus(manifest))


def _progress(items: list[LabelledDocument], show: bool):
    """A bar over the documents on stderr (on a terminal only: logs stay clean)."""
    import sys

    from tqdm import tqdm

    return tqdm(
        items,
        unit="doc",
        desc="eval",
        disable=not (show and sys.stderr.isatty()),
        file=sys.stderr,
        dynamic_ncols=True,
    )


def _page_image_reader(pdfs: dict[str, Path], items):
    """Page pictures for the report's overlays: a plain raster, turned upright as read.

    Only a few pages are shown, and OCR is not needed to draw them, so this rasterises
    and applies the quarter turn the pipeline recorded (skew is small enough to ignore).
    """
    rotations = {(i.name, p.page): p.rotation for i in items for p in i.predicted.pages}

    def page_image(name: str, page_number: int):
        import numpy as np
        import pymupdf

        pdf = pdfs.get(name)
        if pdf is None:
            return None
        with pymupdf.open(pdf) as doc:
            pix = doc.load_page(page_number - 1).get_pixmap(dpi=100)
        image = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, :3]
        turns = rotations.get((name, page_number), 0) // 90
        return np.ascontiguousarray(np.rot90(image, -turns)) if turns else image.copy()

    return page_image
