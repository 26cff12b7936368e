"""fiscalocr: scanned budget and final-account disclosures to verified, structured JSON.

The repository's top-level folders are installed as sub-packages of this namespace:
``fiscalocr.model`` (ground floor), ``fiscalocr.ocr``/``layout``/``classify``/``reconcile``/
``datasets``/``eval`` (stages and wings) and ``fiscalocr.app`` (pipeline, batch, CLI).
"""

__version__ = "0.1.0"
