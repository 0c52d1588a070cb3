import io
from collections import Counter
from datetime import datetime
from functools import partial

import pytz
import xlsxwriter

from odoo import _, api, models
from odoo.tools import osutil

from ..models.hr_mentoring_figures import (
    INTEGRATION_CHECKED_DOMAIN,
    INTEGRATION_REACHED_DOMAIN,
    NO_DATA,
    PAIRING_PLAN_FIGURES,
    rate,
)
from .hr_mentoring_report_common import selection_labels

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel sheet names: at most 31 characters, none of these
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
FILENAME_FORBIDDEN = str.maketrans(dict.fromkeys('/\\:*?"<>|', "-"))
# characters of the programme's name kept in the download name
FILENAME_NAME_LENGTH = 64
# rows read, written and dropped from the cache at a time: the export's memory
# does not grow with the programme (a query or two more per chunk)
ROW_CHUNK = 10_000


class ReportMentoringProgramXlsx(models.AbstractModel):
    """The whole programme as an Excel workbook: one sheet each for the
    pairings, the plan events, the evaluation ratings, the mentors, and the
    programme's own figures (as its form and the final report show them).

    Read in bulk with the reader's rights (a few queries per sheet and per
    ``ROW_CHUNK`` rows) and written with typed cells: real dates, numbers,
    percentages as fractions with a % format, booleans. The workbook streams
    (xlsxwriter's ``constant_memory``): each row goes to disk once written,
    and the records of a chunk leave the cache once their rows are, so a
    programme of 100,000 events is exported in the memory of 10,000.
    """

    _name = "report.hr_mentoring.program_xlsx"
    _description = "Mentoring Programme Excel Export"

    @api.model
    def _mentoring_generate_xlsx(self, program):
        program.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        formats = {
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
            "no_data": workbook.add_format({"align": "right", "font_color": "#808080"}),
            "float": workbook.add_format({"num_format": "0.0"}),
            "signed": workbook.add_format({"num_format": "+0.0;-0.0;0.0"}),
        }
        # the programme's figures: added up from the pairings' rows as they are
        # written, and the mentors' (read once for the two sheets)
        totals = Counter()
        figures = {}
        # one sheet after the other: a streamed sheet is final once the next begins
        for name, sheet in (
            (_("Pairings"), partial(self._mentoring_pairing_sheet, totals=totals)),
            (_("Events"), self._mentoring_event_sheet),
            (_("Evaluations"), self._mentoring_evaluation_sheet),
            (_("Mentors"), partial(self._mentoring_mentor_sheet, figures=figures)),
            (_("Programme"), partial(self._mentoring_program_sheet, totals=totals, figures=figures)),
        ):
            self._mentoring_write_sheet(workbook, formats, name, *sheet(program))
        workbook.close()
        return output.getvalue()

    @api.model
    def _mentoring_get_filename(self, program):
        """A short, safe download name: the programme's name (cut, should it
        be long) without the characters file systems or headers refuse."""
        name = " ".join((program.name or "").translate(FILENAME_FORBIDDEN).split())
        name = name[:FILENAME_NAME_LENGTH].rstrip()
        return osutil.clean_filename(_("Mentoring - %(program)s.xlsx", program=name), replacement="-")

    # ------------------------------------------------------------------
    # writing
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_write_sheet(self, workbook, formats, name, columns, count, rows):
        """``columns``: (title, type, width); ``rows``: ``count`` lists of
        values in column order, an iterable read once, in order. Types: char,
        int, float, signed, percent (a number out of 100, written as a
        fraction), date, datetime (naive, already in the reader's time zone),
        bool. Empty values (None or False outside bool columns) leave the cell
        empty."""
        sheet = workbook.add_worksheet(name.translate(SHEET_NAME_FORBIDDEN)[:31])
        # the sheet's settings first: in a streamed sheet the rows are final once written
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
        sheet.write_row(0, 0, [title for title, _type, _width in columns], formats["header"])
        writers = []
        for index, (_title, column_type, width) in enumerate(columns):
            sheet.set_column(index, index, width)
            writers.append(self._mentoring_cell_writer(sheet, formats, column_type))
        for row_index, row in enumerate(rows, start=1):
            for col_index, value in enumerate(row):
                writers[col_index](row_index, col_index, value)

    @api.model
    def _mentoring_stream(self, model, domain, order, fnames, make_row, prepare=None):
        """(count, rows) of the records of ``domain``: the rows come by chunks
        of ``ROW_CHUNK`` records, each read with its ``fnames`` in one query,
        then ``prepare(chunk)`` (the names of its related records, in bulk),
        its rows, and the chunk leaves the cache. The transaction's snapshot
        keeps the chunks consistent with the count."""

        def rows():
            offset = 0
            while True:
                chunk = model.search_fetch(domain, fnames, order=order, offset=offset, limit=ROW_CHUNK)
                if prepare:
                    prepare(chunk)
                for record in chunk:
                    yield make_row(record)
                # the fields' whole caches, not the chunk's ids: a Python dict
                # keeps its size once emptied, so dropping ids kept 10 MiB per
                # sheet alive. Flushed first: a caller's pending write of these
                # fields is saved, not dropped (nothing to write in a download)
                model.invalidate_model(fnames)
                if len(chunk) < ROW_CHUNK:
                    return
                offset += ROW_CHUNK

        return model.search_count(domain), rows()

    @api.model
    def _mentoring_cell_writer(self, sheet, formats, column_type):
        if column_type == "bool":
            return sheet.write_boolean
        if column_type == "char":

            def write(row, col, value):
                if value:
                    sheet.write_string(row, col, value)

            return write
        if column_type in ("date", "datetime"):
            cell_format = formats[column_type]

            def write(row, col, value):
                if value:
                    sheet.write_datetime(row, col, value, cell_format)

            return write
        cell_format = formats.get(column_type)
        divisor = 100.0 if column_type == "percent" else 1
        # a rate with nothing to count (no feedback due yet) is no data, not 0 %
        no_data = NO_DATA if column_type in ("percent", "signed") else None

        def write(row, col, value):
            if value is not None and value is not False:
                sheet.write_number(row, col, value / divisor, cell_format)
            elif value is None and no_data:
                sheet.write_string(row, col, no_data, formats["no_data"])

        return write

    @api.model
    def _mentoring_to_user_tz(self):
        """A function turning a UTC datetime into the reader's local time, without
        a time zone (Excel has none)."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def convert(value):
            if not isinstance(value, datetime):
                return value
            return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)

        return convert

    # ------------------------------------------------------------------
    # sheets: (columns, row count, rows), read with the reader's rights
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_pairing_sheet(self, program, totals=None):
        """The pairings' rows; ``totals`` (a Counter), when given, adds up the
        programme's figures from them as they are written."""
        Pairing = self.env["hr.mentoring.pairing"]
        totals = Counter() if totals is None else totals
        fnames = [
            "mentee_id",
            "mentor_id",
            "department_id",
            "relationship_type",
            "phase",
            "state",
            "date_start",
            "date_end",
            *PAIRING_PLAN_FIGURES,
            "match_score",
            "integration_check_count",
            "integration_reached",
        ]
        # the fit alert is the mentee's answer in confidence: coordinators only
        with_fit = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        if with_fit:
            fnames.append("fit_concern")
        relationship_types = selection_labels(Pairing, "relationship_type")
        phases = selection_labels(Pairing, "phase")
        states = selection_labels(Pairing, "state")
        columns = [
            (_("Mentee"), "char", 24),
            (_("Mentor"), "char", 24),
            (_("Department"), "char", 24),
            (_("Department Head"), "char", 20),
            (_("Relationship"), "char", 12),
            (_("Phase"), "char", 16),
            (_("Status"), "char", 11),
            (_("Start Date"), "date", 11),
            (_("End Date"), "date", 11),
            (_("Events"), "int", 8),
            (_("Done"), "int", 8),
            (_("Missed"), "int", 8),
            (_("Feedback Due"), "int", 9),
            (_("Feedback on Time"), "int", 9),
            (_("On-Time Feedback"), "percent", 10),
            (_("Next Event"), "date", 11),
            (_("Match Score"), "float", 8),
        ]
        if with_fit:
            columns.append((_("Fit Alert"), "bool", 8))

        def row(p):
            return [
                p.mentee_id.name,
                p.mentor_id.name,
                p.department_id.display_name,
                p.head_user_id.name,
                relationship_types.get(p.relationship_type),
                phases.get(p.phase),
                states.get(p.state),
                p.date_start,
                p.date_end,
                p.event_count,
                p.event_done_count,
                p.missed_event_count,
                p.feedback_due_count,
                p.feedback_on_time_count,
                p.on_time_rate if p.feedback_due_count else None,
                p.next_event_date,
                p.match_score,
                *([p.fit_concern] if with_fit else []),
            ]

        def add_up(chunk):
            totals["pairings"] += len(chunk)
            totals.update(pairing.state for pairing in chunk)
            for fname in ("event_done_count", "missed_event_count", "feedback_due_count", "feedback_on_time_count"):
                totals[fname] += sum(chunk.mapped(fname))
            totals["integration_checked"] += len(chunk.filtered_domain(INTEGRATION_CHECKED_DOMAIN))
            totals["integration_reached"] += len(chunk.filtered_domain(INTEGRATION_REACHED_DOMAIN))

        domain = [("program_id", "=", program.id)]
        return columns, *self._mentoring_stream(Pairing, domain, "date_start, id", fnames, row, add_up)

    @api.model
    def _mentoring_event_sheet(self, program):
        Event = self.env["hr.mentoring.event"]
        fnames = [
            "mentee_id",
            "mentor_id",
            "department_id",
            "name",
            "event_type",
            "phase",
            "date_due",
            "state",
            "date_done",
            "done_on_time",
            "signed_by_id",
            "signed_on",
            "mentor_comment",
            "acknowledged",
            "acknowledged_on",
            "mentee_comment",
            "reviewed",
            "reviewed_by_id",
            "review_comment",
            "missed_on",
            "missed_reason_category",
            "missed_reason",
        ]
        # names of the related records, each read once for all the rows
        employees, departments, users = {}, {}, {}

        def prepare(chunk):
            new_employees = (chunk.mentee_id | chunk.mentor_id).filtered(lambda e: e.id not in employees)
            employees.update((employee.id, employee.name) for employee in new_employees)
            new_departments = chunk.department_id.filtered(lambda d: d.id not in departments)
            departments.update((department.id, department.display_name) for department in new_departments)
            new_users = (chunk.signed_by_id | chunk.reviewed_by_id).filtered(lambda u: u.id not in users)
            users.update((user.id, user.name) for user in new_users)

        types = selection_labels(Event, "event_type")
        phases = selection_labels(Event, "phase")
        states = selection_labels(Event, "state")
        reasons = selection_labels(Event, "missed_reason_category")
        local = self._mentoring_to_user_tz()
        columns = [
            (_("Mentee"), "char", 22),
            (_("Mentor"), "char", 22),
            (_("Department"), "char", 22),
            (_("Event"), "char", 30),
            (_("Type"), "char", 16),
            (_("Phase"), "char", 14),
            (_("Due Date"), "date", 11),
            (_("Status"), "char", 10),
            (_("Done On"), "date", 11),
            (_("On Time"), "bool", 8),
            (_("Signed By"), "char", 18),
            (_("Signed On"), "datetime", 16),
            (_("Mentor's Comment"), "char", 30),
            (_("Acknowledged"), "bool", 8),
            (_("Acknowledged On"), "datetime", 16),
            (_("Mentee's Comment"), "char", 30),
            (_("Reviewed"), "bool", 8),
            (_("Reviewed By"), "char", 18),
            (_("Head's Comment"), "char", 30),
            (_("Flagged Missed On"), "date", 11),
            (_("Why Missed"), "char", 18),
            (_("Explanation"), "char", 30),
        ]

        def row(e):
            return [
                employees.get(e.mentee_id.id),
                employees.get(e.mentor_id.id),
                departments.get(e.department_id.id),
                e.name,
                types.get(e.event_type),
                phases.get(e.phase),
                e.date_due,
                states.get(e.state),
                e.date_done,
                e.done_on_time,
                users.get(e.signed_by_id.id),
                local(e.signed_on),
                e.mentor_comment,
                e.acknowledged,
                local(e.acknowledged_on),
                e.mentee_comment,
                e.reviewed,
                users.get(e.reviewed_by_id.id),
                e.review_comment,
                e.missed_on,
                reasons.get(e.missed_reason_category),
                e.missed_reason,
            ]

        domain = [("program_id", "=", program.id)]
        return columns, *self._mentoring_stream(Event, domain, "date_due, id", fnames, row, prepare)

    @api.model
    def _mentoring_evaluation_sheet(self, program):
        Line = self.env["hr.mentoring.evaluation.line"]
        fnames = [
            "evaluation_id",
            "date",
            "kind",
            "subject",
            "mentee_id",
            "mentor_id",
            "department_id",
            "state",
            "criterion_id",
            "level_id",
            "value",
            "score",
            "comment",
        ]

        def prepare(chunk):
            # the evaluators, in one query
            chunk.evaluation_id.fetch(["evaluator_id"])

        kinds = selection_labels(Line, "kind")
        subjects = selection_labels(Line, "subject")
        states = selection_labels(Line, "state")
        columns = [
            (_("Date"), "date", 11),
            (_("Evaluation"), "char", 24),
            (_("Evaluated"), "char", 10),
            (_("Mentee"), "char", 22),
            (_("Mentor"), "char", 22),
            (_("Department"), "char", 22),
            (_("Evaluator"), "char", 18),
            (_("Status"), "char", 12),
            (_("Criterion"), "char", 30),
            (_("Level"), "char", 18),
            (_("Level Value"), "int", 8),
            (_("Score"), "percent", 8),
            (_("Comment"), "char", 30),
        ]

        def row(line):
            return [
                line.date,
                kinds.get(line.kind),
                subjects.get(line.subject),
                line.mentee_id.name,
                line.mentor_id.name,
                line.department_id.display_name,
                line.evaluation_id.evaluator_id.name,
                states.get(line.state),
                line.criterion_id.name,
                line.level_id.name,
                line.value if line.level_id else None,
                line.score if line.level_id else None,
                line.comment,
            ]

        domain = [("program_id", "=", program.id)]
        order = "date, evaluation_id, sequence, id"
        return columns, *self._mentoring_stream(Line, domain, order, fnames, row, prepare)

    @api.model
    def _mentoring_program_sheet(self, program, totals, figures):
        """One row: the programme's figures, as its form and the final report
        show them: added up from the pairings' rows (``totals``, their stored
        plan figures and integration checklists), the mentee progress of the
        Mentors sheet (``figures``), and the programme's survey satisfaction."""
        readable = program._mentoring_survey_readers()
        satisfaction = readable._mentoring_survey_satisfaction().get(program.id) if readable else None
        columns = [
            (_("Programme"), "char", 28),
            (_("Pairings"), "int", 9),
            (_("Active Pairings"), "int", 9),
            (_("Pairings Done"), "int", 9),
            (_("Events Done"), "int", 9),
            (_("Missed Events"), "int", 9),
            (_("Feedback Due"), "int", 9),
            (_("Feedback on Time"), "int", 9),
            (_("On-Time Feedback"), "percent", 10),
            (_("Mentee Progress (score change)"), "signed", 12),
            (_("Integration Checklists"), "int", 11),
            (_("Integrated Mentees"), "int", 11),
            (_("Integration Reached"), "percent", 11),
            (_("Survey Satisfaction"), "percent", 11),
        ]
        row = [
            program.name,
            totals["pairings"],
            totals["active"],
            totals["done"],
            totals["event_done_count"],
            totals["missed_event_count"],
            totals["feedback_due_count"],
            totals["feedback_on_time_count"],
            rate(totals["feedback_on_time_count"], totals["feedback_due_count"]),
            figures["average_progress"],
            totals["integration_checked"],
            totals["integration_reached"],
            rate(totals["integration_reached"], totals["integration_checked"]),
            satisfaction,
        ]
        return columns, 1, [row]

    @api.model
    def _mentoring_mentor_sheet(self, program, figures=None):
        """The mentors' rows; ``figures`` (a dict), when given, gets the
        programme's figures they are compared with."""
        figures = {} if figures is None else figures
        figures.update(
            self.env["report.hr_mentoring.report_program"]._mentoring_get_program_figures(program, with_criteria=False)
        )
        average_rate = figures["average_rate"]
        average_progress = figures["average_progress"]
        flags = {"below": _("Well below the programme"), "above": _("Well above the programme")}
        columns = [
            (_("Mentor"), "char", 24),
            (_("Department"), "char", 22),
            (_("Pairings"), "int", 9),
            (_("Active Pairings"), "int", 9),
            (_("Feedback Due"), "int", 9),
            (_("Feedback on Time"), "int", 9),
            (_("On-Time Feedback"), "percent", 10),
            (_("On-Time vs Programme (points)"), "signed", 12),
            (_("On-Time Assessment"), "char", 22),
            (_("Mentee Progress (score change)"), "signed", 12),
            (_("Progress vs Programme (points)"), "signed", 12),
            (_("Progress Assessment"), "char", 22),
        ]
        # a figure with nothing to count is an empty cell (False), not the
        # no-data dash: the sheet is for sums, averages and sorting in Excel
        rows = [
            [
                row["mentor"].name or _("No Mentor"),
                row["mentor"].department_id.display_name,
                row["pairings"],
                row["active"],
                row["due"],
                row["on_time"],
                False if row["rate"] is None else row["rate"],
                False if row["rate"] is None or average_rate is None else row["rate"] - average_rate,
                flags.get(row["rate_flag"]),
                False if row["progress"] is None else row["progress"],
                False if row["progress"] is None or average_progress is None else row["progress"] - average_progress,
                flags.get(row["progress_flag"]),
            ]
            for row in figures["mentor_rows"]
        ]
        return columns, len(rows), rows
