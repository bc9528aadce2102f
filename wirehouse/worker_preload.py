"""What the forkserver imports before it forks the transform workers, so that each inherits it.

Importing this module loads the transforms, then warms dateparser, which htmldate falls back
on for the dates its own patterns miss. dateparser's first parse that no locale reads
compiles a regular expression per locale it knows: 2.8 s, which each worker used to pay the
first time one of its pages needed it (each does, on a few hundred real pages: 11 of the 476
pages of ../shared/corpora's Zyte and trafilatura-news sets do). Paid once here, in the
forkserver, the compiled expressions reach every worker through fork.
"""

from __future__ import annotations

from htmldate.extractors import get_external_parser

import transforms.batch  # noqa: F401 - imported here once for every worker

# A phrase no locale reads as a date, so that every locale's expressions get compiled.
get_external_parser().get_date_data("mis en ligne le lendemain")
