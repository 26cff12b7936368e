"""Test support: tables with known truth, for the tests and the benchmarks.

Nothing here runs in a conversion. ``specimen*`` draws known tables onto PDF pages (ruled
four ways, random, damaged like a poor scanner's copy) and scores what the layout stage
read back; ``handbuilt`` builds contract :class:`~fiscalocr.model.Table` objects from text
grids for the reconciliation tests and benchmark.

The floor: above the stages (it may import the model and any stage, as the tests do), and
no stage imports it (``tests/architecture/test_import_floors.py``). It ships in the wheel
like ``numpy.testing``: it needs nothing beyond the package's own dependencies, and the
benchmarks can then be run against an installed wheel, not only a checkout.
"""
