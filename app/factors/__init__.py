"""The emission factor library: bundled read-only database, user library, search, pinning.

See README.md in this folder. Qt-free; may import app.core and app.paths only.
"""
