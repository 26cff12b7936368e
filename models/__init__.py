"""The trained classifiers and their model cards, shipped as package data.

No code lives here: the folder is a package only so that the artefacts install with the
wheel and are found through ``importlib.resources.files("fiscalocr.models")`` wherever
fiscalocr is installed (``fiscalocr.classify.artifacts.default_models_dir``).
"""
