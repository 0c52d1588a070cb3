"""Helpers shared by the mentoring reports and the Excel export."""

from ..models.hr_mentoring_figures import compare, rate  # noqa: F401 - the one definition of each

# wkhtmltopdf lays out a <table> as a whole: one table of thousands of rows
# makes a PDF slow to print (and repeats a huge header on every page). Every
# table of the mentoring reports holds at most this many rows; longer lists are
# printed as consecutive tables with the same header.
ROWS_PER_TABLE = 500

# A mentor is "well below" or "well above" the programme when their figure is
# this far from the programme's: percentage points of on-time feedback, and
# points of the 0-100 score for the progress of their mentees.
ON_TIME_MARGIN = 15.0
PROGRESS_MARGIN = 10.0

# The printed programme report lists every mentor up to this many; a larger
# programme's report lists the mentors farthest from the programme's figures
# and says so (the Excel export's Mentors sheet has every one): a long list
# makes the PDF slow (benchmarks/RESULTS.md, "Measured once").
MENTOR_ROWS_PRINTED = 200


def chunked(rows, size=ROWS_PER_TABLE):
    """Split ``rows`` (a list or a recordset) into consecutive slices of at
    most ``size`` rows, in order; no rows give no slice."""
    if size < 1:
        raise ValueError("size must be positive")
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def selection_labels(model, field_name):
    """{value: label} of a selection field, in the reader's language."""
    return dict(model._fields[field_name]._description_selection(model.env))
