"""Printable documents: the carbon-label draft and the CFP study report (reportlab, Qt-free)."""
