import heapq
from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..models.hr_mentoring_figures import GOAL_AGREED_DOMAIN, SUBMITTED_RATING_DOMAIN
from ..models.skill_portrait import program_gaps
from .hr_mentoring_report_common import (
    MENTOR_ROWS_PRINTED,
    ON_TIME_MARGIN,
    PROGRESS_MARGIN,
    ROWS_PER_TABLE,
    chunked,
    compare,
    rate,
    selection_labels,
)


class ReportMentoringProgram(models.AbstractModel):
    """The coordinator's programme report: pairings by department and state,
    on-time feedback by department and by mentor, mentors well below or above
    the programme, average scores by criterion and the conclusions.

    Every figure comes from a search or a read_group made with the reader's
    rights, so the record rules decide what is counted.
    """

    _name = "report.hr_mentoring.report_program"
    _description = "Mentoring Programme Report"

    @api.model
    def _check_program_access(self, programs):
        """Refuse the programme report and export to whoever may not have them.

        They compare departments and mentors. Coordinators get the whole
        programme; department heads get the pairings of their departments (the
        record rules give them exactly those pairings, events and evaluations,
        plus the pairings they take part in). Mentors, mentees and other
        employees are refused with a clear message rather than handed a
        "programme" report cut down to their own pairing, whose averages would
        pass for the programme's: they print the plan and the progress report
        of their pairings instead.
        """
        if not programs:
            raise UserError(_("Select the programme to print or export first."))
        readable = programs.with_context(active_test=False).search([("id", "in", programs.ids)])
        if len(readable) != len(programs):
            raise AccessError(
                _("You cannot read the selected mentoring programme: it belongs to a company you do not work in.")
            )
        if self.env["hr.mentoring.pairing"]._mentoring_is_coordinator():
            return
        if self.env["hr.department"]._mentoring_managed_departments():
            return
        raise AccessError(
            _(
                "The programme report compares departments and mentors: only mentoring coordinators and "
                "department heads may print or export it. Print the mentoring plan or the progress report "
                "of your pairings instead."
            )
        )

    @api.model
    def _get_report_values(self, docids, data=None):
        programs = self.env["hr.mentoring.program"].browse(docids)
        self._check_program_access(programs)
        figures = {program.id: self._mentoring_get_program_figures(program) for program in programs}
        return {
            "doc_ids": programs.ids,
            "doc_model": "hr.mentoring.program",
            "docs": programs,
            "figures": figures,
            "printed_mentors": {
                program.id: self._mentoring_printed_mentors(figures[program.id]) for program in programs
            },
            "development": {program.id: self._mentoring_get_development_figures(program) for program in programs},
            "final": {
                program.id: self._mentoring_get_final_figures(program, figures[program.id])
                for program in programs
                if self._mentoring_is_final(program)
            },
            "chunked": chunked,
            # the department table ends with a totals row
            "department_rows_per_table": ROWS_PER_TABLE - 1,
            "on_time_margin": ON_TIME_MARGIN,
            "progress_margin": PROGRESS_MARGIN,
        }

    @api.model
    def _mentoring_printed_mentors(self, figures):
        """The mentor rows the printed report lists: all of them up to
        ``MENTOR_ROWS_PRINTED``, else that many farthest from the programme's figures (in
        margins: on-time rate and mentee progress), in name order. With the
        number left out and the marked mentors of the rows listed."""
        rows, limit = figures["mentor_rows"], MENTOR_ROWS_PRINTED
        if len(rows) > limit:
            averages = (
                ("rate", figures["average_rate"], ON_TIME_MARGIN),
                ("progress", figures["average_progress"], PROGRESS_MARGIN),
            )

            def distance(row):
                return max(
                    (abs(row[key] - average) / margin if row[key] is not None and average is not None else 0.0)
                    for key, average, margin in averages
                )

            farthest = set(heapq.nlargest(limit, range(len(rows)), key=lambda index: distance(rows[index])))
            rows = [row for index, row in enumerate(rows) if index in farthest]
        total = len(figures["mentor_rows"])
        return {
            "rows": rows,
            "omitted": total - len(rows),
            # one sentence for the translators, whatever the word order of their language
            "summary": _(
                "The programme has %(total)s mentors: this report lists the %(listed)s farthest from the "
                "programme's figures and leaves out %(omitted)s closer to them. The Mentors sheet of the Excel "
                "export has every mentor.",
                total=total,
                listed=len(rows),
                omitted=total - len(rows),
            ),
            "below": [row for row in rows if "below" in (row["rate_flag"], row["progress_flag"])],
            "above": [row for row in rows if "above" in (row["rate_flag"], row["progress_flag"])],
        }

    @api.model
    def _mentoring_get_scope(self):
        """What the figures cover, in the reader's words."""
        if self.env["hr.mentoring.pairing"]._mentoring_is_coordinator():
            return _("All the pairings of the programme.")
        managed = self.env["hr.department"]._mentoring_managed_departments()
        # re-read with the reader's rights: only the names they may read
        departments = self.env["hr.department"].search([("id", "in", managed.ids)])
        return _(
            "The pairings of your departments (%(departments)s) and those you take part in.",
            departments=", ".join(departments.mapped("display_name")),
        )

    @api.model
    def _mentoring_get_program_figures(self, program, with_criteria=True):
        """The figures of one programme, each read in one grouped query
        (without the scores by criterion unless ``with_criteria``)."""
        Pairing = self.env["hr.mentoring.pairing"]
        Line = self.env["hr.mentoring.evaluation.line"]
        domain = [("program_id", "=", program.id)]
        pairing_groups = Pairing._read_group(domain, ["department_id", "mentor_id", "state"], ["__count"])
        Figures = self.env["hr.mentoring.figures"]
        event_figures = Figures._mentoring_event_figures(domain, ["department_id", "mentor_id"])
        progress_by_mentor = {
            mentor: figures for (mentor,), figures in Figures._mentoring_progress_figures(domain, ["mentor_id"]).items()
        }
        criterion_groups = (
            Line._read_group(
                [*domain, *SUBMITTED_RATING_DOMAIN],
                ["subject", "criterion_id"],
                ["__count", "value:avg", "score:avg"],
            )
            if with_criteria
            else []
        )

        states = selection_labels(Pairing, "state")
        pairings_by_department = defaultdict(lambda: defaultdict(int))
        pairings_by_mentor = defaultdict(lambda: defaultdict(int))
        for department, mentor, state, count in pairing_groups:
            pairings_by_department[department][state] += count
            pairings_by_mentor[mentor][state] += count

        feedback_by_department = defaultdict(lambda: {"due": 0, "on_time": 0})
        feedback_by_mentor = defaultdict(lambda: {"due": 0, "on_time": 0})
        for (department, mentor), data in event_figures.items():
            if not data["feedback_due"]:
                continue
            for figures in (feedback_by_department[department], feedback_by_mentor[mentor]):
                figures["due"] += data["feedback_due"]
                figures["on_time"] += data["feedback_on_time"]
        total_due = sum(figures["due"] for figures in feedback_by_department.values())
        total_on_time = sum(figures["on_time"] for figures in feedback_by_department.values())
        average_rate = rate(total_on_time, total_due)

        progress_count = sum(count for _total, count in progress_by_mentor.values())
        average_progress = (
            sum(total for total, _count in progress_by_mentor.values()) / progress_count if progress_count else None
        )

        def by_name(record):
            return (record.display_name or "").lower()

        department_rows = [
            {
                "department": department,
                "counts": [counts.get(state, 0) for state in states],
                "total": sum(counts.values()),
            }
            for department, counts in sorted(pairings_by_department.items(), key=lambda item: by_name(item[0]))
        ]
        feedback_department_rows = [
            {"department": department, **figures, "rate": rate(figures["on_time"], figures["due"])}
            for department, figures in sorted(feedback_by_department.items(), key=lambda item: by_name(item[0]))
        ]
        mentor_rows = []
        mentors = set(pairings_by_mentor) | set(feedback_by_mentor) | set(progress_by_mentor)
        for mentor in sorted(mentors, key=by_name):
            counts = pairings_by_mentor.get(mentor, {})
            feedback = feedback_by_mentor.get(mentor, {"due": 0, "on_time": 0})
            mentor_rate = rate(feedback["on_time"], feedback["due"])
            total, count = progress_by_mentor.get(mentor, (0.0, 0))
            progress = total / count if count else None
            mentor_rows.append(
                {
                    "mentor": mentor,
                    "pairings": sum(n for state, n in counts.items() if state != "cancelled"),
                    "active": counts.get("active", 0),
                    "due": feedback["due"],
                    "on_time": feedback["on_time"],
                    "rate": mentor_rate,
                    "rate_flag": compare(mentor_rate, average_rate, ON_TIME_MARGIN),
                    "progress": progress,
                    "progress_flag": compare(progress, average_progress, PROGRESS_MARGIN),
                }
            )
        subjects = selection_labels(Line, "subject")
        criterion_rows = [
            {
                "subject": subjects.get(subject, subject),
                "criterion": criterion,
                "count": count,
                "value": value,
                "score": score,
            }
            for subject, criterion, count, value, score in sorted(
                criterion_groups, key=lambda group: (group[0], group[1].sequence, group[1].id)
            )
        ]
        return {
            "scope": self._mentoring_get_scope(),
            "states": list(states.values()),
            "department_rows": department_rows,
            "state_totals": [sum(row["counts"][index] for row in department_rows) for index in range(len(states))],
            "pairing_total": sum(row["total"] for row in department_rows),
            "feedback_department_rows": feedback_department_rows,
            "feedback_due": total_due,
            "feedback_on_time": total_on_time,
            "average_rate": average_rate,
            "average_progress": average_progress,
            "mentor_rows": mentor_rows,
            "criterion_rows": criterion_rows,
        }

    @api.model
    def _mentoring_get_development_figures(self, program):
        """The mentees' development, with the reader's rights: the goals agreed
        on and reached by department, and the average gap to the programme's
        target portrait per skill over the mentees of the started pairings.
        A fixed number of queries, whatever the number of pairings."""
        domain = [("program_id", "=", program.id)]
        groups = self.env["hr.mentoring.goal"]._read_group(
            [*domain, *GOAL_AGREED_DOMAIN], ["department_id", "state"], ["__count", "progress:sum"]
        )
        by_department = defaultdict(lambda: {"goals": 0, "reached": 0, "progress": 0.0})
        for department, state, count, progress in groups:
            row = by_department[department]
            row["goals"] += count
            row["reached"] += count if state == "reached" else 0
            row["progress"] += progress or 0.0
        goal_rows = [
            {
                "department": department,
                "goals": row["goals"],
                "reached": row["reached"],
                "rate": rate(row["reached"], row["goals"]),
                "progress": row["progress"] / row["goals"] if row["goals"] else None,
            }
            for department, row in sorted(by_department.items(), key=lambda item: (item[0].display_name or "").lower())
        ]
        pairings = self.env["hr.mentoring.pairing"].search([*domain, ("state", "in", ("active", "done"))])
        return {
            "goal_department_rows": goal_rows,
            "goal_total": sum(row["goals"] for row in goal_rows),
            "goal_reached": sum(row["reached"] for row in goal_rows),
            "skill_gap_rows": program_gaps(self.env, program, pairings),
        }

    # ------------------------------------------------------------------
    # the final report (stages 11-12): printed for a pilot or an approved programme
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_is_final(self, program):
        return program.state == "pilot" or program.is_pilot or bool(program.approved_on)

    @api.model
    def _mentoring_get_measured(self, program):
        """What was measured, as the final report prints it: the programme's own
        figures (hr.mentoring.program, read with the reader's rights), as its
        form shows them; None where there is nothing to measure yet."""
        return {
            "feedback_due": program.feedback_due_count,
            "feedback_on_time": program.event_on_time_count,
            "on_time_rate": program.on_time_rate if program.has_feedback_due else None,
            "missed": program.missed_event_count,
            "average_progress": program.average_progress if program.has_progress else None,
            "integration_rate": program.integration_rate if program.integration_checked_count else None,
            "integration_reached": program.integration_reached_count,
            "integration_checked": program.integration_checked_count,
            "satisfaction": program.survey_satisfaction if program.has_survey_satisfaction else None,
            "pairings_done": program.done_pairing_count,
            "pairings": program.pairing_count,
        }

    @api.model
    def _mentoring_get_final_figures(self, program, figures):
        """The final report's sections, read with the reader's rights: what was
        measured next to the goals, each mentee's integration checklist, the
        feedback survey per role, the adjustments, and the mentors and heads
        under- or over-performing with the method's recommended action."""
        domain = [("program_id", "=", program.id)]
        Performance = self.env["hr.mentoring.performance"]
        checks = self.env["hr.mentoring.integration.check"].search(domain)
        by_pairing = defaultdict(list)
        for check in checks:
            by_pairing[check.pairing_id].append(check)
        integration_rows = [
            {
                "mentee": pairing.mentee_id,
                "mentor": pairing.mentor_id,
                "met": sum(1 for check in lines if check.is_met),
                "total": len(lines),
                "unmet": [check.name for check in lines if not check.is_met],
            }
            for pairing, lines in sorted(by_pairing.items(), key=lambda item: (item[0].mentee_id.name or "").lower())
        ]
        # the survey's answers per role, for whoever may see them (the Feedback page's readers)
        readable = program._mentoring_survey_readers()
        survey = readable._mentoring_survey_results().get(program.id) or {} if readable else {}
        role_labels = selection_labels(self.env["hr.mentoring.program.acknowledgement"], "role")
        survey_rows = [
            {"role": role_labels.get(role, role), **values} for role, values in (survey.get("roles") or {}).items()
        ]
        mentor_rows = Performance._mentoring_mentor_actions(figures["mentor_rows"])
        head_rows = Performance._mentoring_head_rows(program)
        return {
            "measured": self._mentoring_get_measured(program),
            "integration_rows": integration_rows,
            "survey_rows": survey_rows,
            "adjustments": self.env["hr.mentoring.program.adjustment"].search(domain),
            "mentors_flagged": [row for row in mentor_rows if row["flag"]],
            "head_rows": head_rows,
            "heads_flagged": [row for row in head_rows if row["flag"]],
        }
