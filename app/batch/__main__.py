"""``python -m fiscalocr.app.batch INPUT... -o OUTDIR`` (same as ``fiscalocr convert``)."""

import sys

from .command import main

if __name__ == "__main__":
    sys.exit(main())
