"""``python -m service_manual.review SOURCEDIR``: the owners' report (see ``report.py``)."""

from .report import main

raise SystemExit(main())
