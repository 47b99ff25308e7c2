"""``python -m live_preview SOURCEDIR OUTPUTDIR [sphinx-autobuild and sphinx-build options]``."""

from __future__ import annotations

import sys

from .server import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
