"""Classifiers: page sections, table types (contract §2-3) and document facts.

The app calls :func:`load_classifiers` once and :func:`classify_document` per document;
:func:`train_classifiers` fits the models from (predicted, truth) document pairs.
"""

from .apply import classify_document
from .artifacts import Classifiers, load_classifiers
from .facts import read_facts
from .training import train_classifiers

__all__ = [
    "Classifiers",
    "classify_document",
    "load_classifiers",
    "read_facts",
    "train_classifiers",
]
