"""`fiscalocr eval` on nothing is an error: a missing dataset (exit 3), a split with no
document (exit 2), never all-null metrics with exit 0."""

from __future__ import annotations

import pytest

from fiscalocr.app.cli import main
from fiscalocr.model import ExitCode


@pytest.fixture(scope="module")
def train_only_corpus(tmp_path_factory):
    """A fresh ``synth --n-docs 2``: both documents fall in the train split."""
    folder = tmp_path_factory.mktemp("corpus")
    assert main(["synth", "--n-docs", "2", "--level", "clean", "-o", str(folder), "-q"]) == 0
    return folder


def test_eval_on_an_empty_split_exits_2(train_only_corpus, capsys):
    status = main(["eval", str(train_only_corpus)])
    captured = capsys.readouterr()
    assert status == ExitCode.USAGE, captured.err
    assert (
        "split 'test' selects no document of its 2 labelled documents (splits: train 2)"
        in captured.err
    )
    assert "null" not in captured.out


def test_eval_on_a_missing_folder_exits_3(tmp_path, capsys):
    status = main(["eval", str(tmp_path / "no-such-corpus")])
    err = capsys.readouterr().err
    assert status == ExitCode.INPUT, err
    assert "no-such-corpus: no such dataset folder or manifest" in err


def test_eval_on_a_folder_without_labels_exits_2(tmp_path, capsys):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    status = main(["eval", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == ExitCode.USAGE, err
    assert "holds no labelled document" in err
