"""Project files (``.pcfw``): one SQLite file holding a study, its pins, settings and revisions.

See README.md in this folder.
"""

PROJECT_SUFFIX = ".pcfw"
