from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .hr_mentoring_figures import percent_label
from .hr_mentoring_pairing import OPEN_STATES

# a pairing that cannot be made (the mentee themself) in an assignment matrix
FORBIDDEN = -1.0e9


class HrMentoringMatching(models.AbstractModel):
    """Scores mentor-mentee pairs for a programme, with reasons a person can read.

    Used by the selection wizard (one mentee) and by cohort matching (many).
    The number of queries does not depend on the number of candidates: every
    figure is read in one query for all mentors and mentees at once.
    """

    _name = "hr.mentoring.matching"
    _description = "Mentor Matching"

    @api.model
    def _mentoring_eligibility_rules(self, program, mentees):
        """What makes an employee an eligible mentor, one rule at a time.

        The one definition of eligibility: ``_mentoring_eligible_mentor_domain`` is the
        conjunction of these domains, ``_mentoring_left_out_mentors`` says, for each
        employee of the mentor pool who is not eligible, the first rule they
        fail, and ``_mentoring_check_mentors`` refuses them. Returns
        ``[(domain, reason)]`` where ``reason(employee)`` is the text shown
        next to the employee's name. The places left come last (see
        ``_mentoring_no_candidate_reason``).
        """
        # self.env._: a lambda's frame has no env for _() to find the language
        states = dict(self.env["hr.employee"]._fields["mentor_state"]._description_selection(self.env))
        return [
            (
                [("mentor_state", "=", "approved")],
                lambda employee: self.env._(
                    "not an approved mentor (%(state)s)", state=states.get(employee.mentor_state)
                ),
            ),
            *self._mentoring_company_rules(program),
            ([("id", "not in", mentees.ids)], lambda employee: self.env._("is the mentee")),
            # the people who run the programme are neither its mentors nor its mentees
            *self._mentoring_staff_rules(program),
            (
                [("mentor_available_capacity", ">", 0)],
                lambda employee: self.env._(
                    "no place left (%(capacity)s places, all taken by active or proposed pairings)",
                    capacity=employee.mentor_capacity,
                ),
            ),
        ]

    @api.model
    def _mentoring_eligible_mentor_domain(self, program, mentees):
        return expression.AND([domain for domain, _reason in self._mentoring_eligibility_rules(program, mentees)])

    @api.model
    def _mentoring_company_rules(self, program):
        """Mentor and mentee alike: an employee of the programme's company, not archived."""
        return [
            ([("active", "=", True)], lambda employee: self.env._("archived")),
            (
                [("company_id", "=", program.company_id.id)],
                lambda employee: self.env._(
                    "works for another company (%(company)s)", company=employee.company_id.name
                ),
            ),
        ]

    @api.model
    def _mentoring_staff_rules(self, program):
        """Mentor and mentee alike: not one of the people who run the
        programme, its coordinator and the Mentoring administrators. The
        design has no coordinator mentoring: they read every pairing and
        evaluation of their companies, their own included."""
        # sudo: who the programme's coordinator is, not what they may read
        coordinator = program.sudo().coordinator_id
        # the group's id, not the group: env.ref() would query whether it exists
        administrators = self.env["ir.model.data"]._xmlid_to_res_id("hr_mentoring.group_mentoring_manager")
        return [
            (
                [("user_id", "not in", coordinator.ids)],
                lambda employee: self.env._("coordinates this programme"),
            ),
            (
                # a subquery: no query of its own when a search reads it
                [("user_id", "not any", [("groups_id", "in", [administrators])])],
                lambda employee: self.env._("is a Mentoring administrator"),
            ),
        ]

    @api.model
    def _mentoring_mentee_rules(self, program):
        """What makes an employee an eligible mentee of ``program``, one rule
        at a time, as ``_mentoring_eligibility_rules`` for mentors: an
        employee of the programme's company who does not run it, is not a
        mentee of an open pairing (draft, proposed or active, paused
        included) in this programme or another one, and has not finished
        this programme as a mentee. ``_mentoring_eligible_mentee_domain`` is
        their conjunction, ``_mentoring_check_mentees`` refuses the others."""
        program_id = program._origin.id or program.id
        return [
            *self._mentoring_company_rules(program),
            *self._mentoring_staff_rules(program),
            (
                [
                    (
                        "mentee_pairing_ids",
                        "not any",
                        [("program_id", "=", program_id), ("state", "in", OPEN_STATES)],
                    )
                ],
                lambda employee: self.env._("already has an open pairing in this programme"),
            ),
            (
                [("mentee_pairing_ids", "not any", [("state", "in", OPEN_STATES)])],
                lambda employee: self.env._(
                    "already a mentee in %(program)s",
                    program=", ".join(
                        employee.mentee_pairing_ids.filtered(lambda p: p.state in OPEN_STATES).program_id.mapped("name")
                    ),
                ),
            ),
            (
                [("mentee_pairing_ids", "not any", [("program_id", "=", program_id), ("state", "=", "done")])],
                lambda employee: self.env._("has finished this programme as a mentee"),
            ),
        ]

    @api.model
    def _mentoring_eligible_mentee_domain(self, program):
        """The employees who may be mentees of ``program``; before a programme
        is chosen, those of the user's companies (a wizard's picker)."""
        if not program:
            return [("company_id", "in", self.env.companies.ids)]
        return expression.AND([domain for domain, _reason in self._mentoring_mentee_rules(program)])

    @api.model
    def _mentoring_first_failures(self, rules, employees):
        """``[(employee, reason)]``: each of ``employees`` who fails one of
        ``rules``, with the reason of the first rule they fail."""
        failures, remaining = [], employees
        for rule_domain, reason in rules:
            failing = remaining - remaining.filtered_domain(rule_domain)
            failures.extend((employee, reason(employee)) for employee in failing)
            remaining -= failing
        return failures

    @api.model
    def _mentoring_check_mentees(self, program, mentees):
        """Refuse, with a UserError that names them and why, the ``mentees``
        who may not be mentees of ``program`` (``_mentoring_mentee_rules``:
        what a wizard offers is what it accepts)."""
        failures = self._mentoring_first_failures(self._mentoring_mentee_rules(program), mentees)
        self._mentoring_refuse_failures(program, failures, "mentee")

    @api.model
    def _mentoring_check_mentors(self, program, mentees, mentors):
        """Refuse, as ``_mentoring_check_mentees``, the ``mentors`` who may not
        mentor ``mentees`` in ``program`` (``_mentoring_eligibility_rules``)."""
        failures = self._mentoring_first_failures(self._mentoring_eligibility_rules(program, mentees), mentors)
        self._mentoring_refuse_failures(program, failures, "mentor")

    @api.model
    def _mentoring_refuse_failures(self, program, failures, role):
        """A UserError with a line per ``(employee, reason)`` of ``failures``,
        who cannot take ``role`` ("mentee" or "mentor") in ``program``;
        nothing when there is none."""
        if not failures:
            return
        lines = []
        for employee, reason in failures:
            values = {"employee": employee.name, "program": program.name, "reason": reason}
            if role == "mentor":
                lines.append(self.env._("%(employee)s cannot be a mentor in %(program)s: %(reason)s.", **values))
            else:
                lines.append(self.env._("%(employee)s cannot be a mentee in %(program)s: %(reason)s.", **values))
        raise UserError("\n".join(lines))

    @api.model
    def _mentoring_left_out_mentors(self, program, mentees, limit=None):
        """The employees of the mentor pool (any mentor status but "Not a
        Mentor", in the user's companies) who cannot be proposed, with the
        reason each is out: ``(count, [(employee, reason)])``, at most
        ``limit`` of them listed, in name order."""
        Employee = self.env["hr.employee"]
        rules = self._mentoring_eligibility_rules(program, mentees)
        # archived employees have left: they are not listed (the search
        # would include them, the domain naming the "active" field)
        domain = [
            ("mentor_state", "!=", "none"),
            ("active", "=", True),
            "!",
            *self._mentoring_eligible_mentor_domain(program, mentees),
        ]
        count = Employee.search_count(domain)
        employees = Employee.search(domain, order="name, id", limit=limit)
        left_out = self._mentoring_first_failures(rules, employees)
        order = {employee: index for index, employee in enumerate(employees)}
        left_out.sort(key=lambda pair: order[pair[0]])
        return count, left_out

    @api.model
    def _mentoring_no_candidate_reason(self, program, mentees):
        """Say why no mentor can be proposed: the coordinator needs the cause, not a blank list."""
        Employee = self.env["hr.employee"]
        company = program.company_id
        rules = [domain for domain, _reason in self._mentoring_eligibility_rules(program, mentees)]
        # the rules in order: approved, active, company, not the mentee, not
        # the programme's coordinator nor an administrator, places left
        approved = Employee.search_count(expression.AND(rules[:3]))
        if not approved:
            return _(
                "No approved mentor in %(company)s. Approve mentors in the mentor pool first.", company=company.name
            )
        others = Employee.search_count(expression.AND(rules[:4]))
        if not others:
            return _("The only approved mentor of %(company)s is the mentee themself.", company=company.name)
        mentors = Employee.search_count(expression.AND(rules[:-1]))
        if not mentors:
            return _(
                "The approved mentors of %(company)s run this programme (its coordinator or Mentoring "
                "administrators) and do not mentor in it. Approve other mentors.",
                company=company.name,
            )
        return _(
            "All %(count)s approved mentors of %(company)s are at capacity (active and proposed pairings). "
            "End pairings, raise a mentor's capacity or approve more mentors.",
            count=mentors,
            company=company.name,
        )

    @api.model
    def _mentoring_score(self, program, mentees, mentors=None):
        """Score every (mentee, mentor) pair.

        Returns ``(mentors, capacities, scores)``: the eligible mentors,
        ``{mentor id: places left}``, and ``{(mentee id, mentor id): (score, reasons)}``
        with a score from 0 to 100 and its reasons, best first.
        """
        mentor_ids, capacities, scores, _shared = self._mentoring_score_details(program, mentees, mentors)
        return mentor_ids, capacities, scores

    @api.model
    def _mentoring_score_label(self, score):
        """A match score (0 to 100) as people read it, "72.5 %" in the user's
        language, "—" for None: the one format of the scores Find a Mentor and
        Match a Cohort show."""
        return percent_label(self.env, score)

    @api.model
    def _mentoring_paired_before(self, count):
        """The reason of ``count`` earlier pairings of the two, said as people
        say it: a string of its own for each form, as translators need."""
        if count == 1:
            return _("Paired once before")
        if count == 2:
            return _("Paired twice before")
        return _("Paired %(count)s times before", count=count)

    @api.model
    def _mentoring_shared_reasons(self, program, pairs):
        """{(mentee id, mentor id): reasons} for the given pairs of a programme,
        with only the reasons that are not confidential to coordinators: what
        the department head approving the pairing may read (places left,
        departments, tenure, earlier pairings). The mentor's evaluations,
        selection result and training record, the mentees' feedback and both
        sides' wishes are the coordinators' and stay out."""
        if not pairs:
            return {}
        Employee = self.env["hr.employee"]
        mentees = Employee.browse({mentee for mentee, _mentor in pairs})
        mentors = Employee.browse({mentor for _mentee, mentor in pairs})
        return self._mentoring_score_details(program, mentees, mentors, pairs=pairs)[3]

    @api.model
    def _mentoring_score_details(self, program, mentees, mentors=None, pairs=None):
        """_mentoring_score, plus ``{(mentee id, mentor id): shared reasons}`` (see
        _mentoring_shared_reasons); ``pairs`` limits the pairs scored (default: all)."""
        Employee = self.env["hr.employee"]
        fnames = [
            "name",
            "department_id",
            "mentor_capacity",
            "mentor_available_capacity",
            "mentor_training_date",
            "mentor_evaluation_result",
            "mentoring_joined_date",
        ]
        # mentors and mentees in one query
        if mentors is None:
            rows = Employee.search_read(
                expression.OR([[("id", "in", mentees.ids)], self._mentoring_eligible_mentor_domain(program, mentees)]),
                fnames,
                load=None,
            )
        else:
            rows = (mentors | mentees).read(fnames, load=None)
        mentee_ids = set(mentees.ids)
        mentee_rows = [row for row in rows if row["id"] in mentee_ids]
        mentor_rows = [row for row in rows if row["id"] not in mentee_ids]
        mentor_ids = [row["id"] for row in mentor_rows]
        department_ids = {row["department_id"] for row in mentor_rows + mentee_rows if row["department_id"]}
        departments = self.env["hr.department"].browse(department_ids)
        department_names = {row["id"]: row["display_name"] for row in departments.read(["display_name"])}

        results, feedback, chosen, history, competencies = self._selection_signals(mentees.ids, mentor_ids, program)

        weights = program._selection_weights()
        if program.same_department == "ignore":
            weights["department"] = 0.0
        total_weight = sum(weights.values()) or 1.0
        today = fields.Date.today()  # tenure in years: the server's day is precise enough

        # per-mentor parts, the same for every mentee
        mentor_parts = {}
        for row in mentor_rows:
            capacity = row["mentor_capacity"] or 0
            left = row["mentor_available_capacity"] or 0
            # reasons: (text, shared with the department head approving)
            parts, reasons = {}, []
            parts["capacity"] = left / capacity if capacity else 0.0
            reasons.append((_("%(left)s of %(capacity)s places free", left=left, capacity=capacity), True))
            if row["id"] in results:
                score, count = results[row["id"]]
                parts["evaluation"] = score / 100.0
                reasons.append(
                    (_("Mentor evaluations %(score)s%% (%(count)s)", score=round(score), count=count), False)
                )
            elif row["mentor_evaluation_result"]:
                parts["evaluation"] = row["mentor_evaluation_result"] / 100.0
                reasons.append(
                    (_("Selection evaluation %(score)s%%", score=round(row["mentor_evaluation_result"])), False)
                )
            else:
                parts["evaluation"] = 0.5
                reasons.append((_("Not evaluated yet"), False))
            if row["id"] in feedback:
                score, count = feedback[row["id"]]
                parts["feedback"] = score / 100.0
                reasons.append((_("Mentee feedback %(score)s%% (%(count)s)", score=round(score), count=count), False))
            else:
                parts["feedback"] = 0.5
            if row["mentor_training_date"]:
                parts["training"] = 1.0
                reasons.append((_("Mentor training completed on %(date)s", date=row["mentor_training_date"]), False))
            else:
                parts["training"] = 0.0
                reasons.append((_("No mentor training on record"), False))
            if row["mentoring_joined_date"]:
                years = (today - row["mentoring_joined_date"]).days / 365.25
                parts["tenure"] = min(max(years, 0.0) / 5.0, 1.0)
                reasons.append((_("%(years)s years with the company", years=round(years, 1)), True))
            else:
                parts["tenure"] = 0.0
            if competencies["skills"]:
                levels = competencies["levels"].get(row["id"], {})
                listed = []
                for skill in competencies["skills"]:
                    if skill in levels:
                        listed.append(f"{skill} ({levels[skill]})")
                    else:
                        listed.append(_("%(skill)s (not on record)", skill=skill))
                reasons.append((_("Mentor competencies: %(levels)s", levels=", ".join(listed)), False))
            mentor_parts[row["id"]] = (parts, reasons)

        # the pair loop runs mentees x mentors times (60,000 for a cohort of
        # 300): read the programme's choice once, translate each mentor's
        # department reason once
        avoid_same_department = program.same_department == "avoid"
        department_reasons = {}  # (mentor id, same department): reason

        scores, shared = {}, {}
        for mentee in mentee_rows:
            for row in mentor_rows:
                if pairs is not None and (mentee["id"], row["id"]) not in pairs:
                    continue
                parts, reasons = mentor_parts[row["id"]]
                parts, reasons = dict(parts), list(reasons)
                same = bool(mentee["department_id"]) and mentee["department_id"] == row["department_id"]
                if avoid_same_department:
                    parts["department"] = 0.0 if same else 1.0
                else:
                    parts["department"] = 1.0 if same else 0.0
                if row["department_id"]:
                    key = (row["id"], same)
                    if key not in department_reasons:
                        department = department_names.get(row["department_id"])
                        department_reasons[key] = (
                            _("Same department (%(department)s)", department=department)
                            if same
                            else _("From %(department)s", department=department),
                            True,
                        )
                    reasons.insert(1, department_reasons[key])
                sides = chosen.get((mentee["id"], row["id"]), set())
                if sides == {"mentee", "mentor"}:
                    parts["preference"] = 1.0
                    reasons.insert(0, (_("Mutual choice: they chose each other"), False))
                elif "mentee" in sides:
                    parts["preference"] = 0.6
                    reasons.insert(0, (_("Chosen by the mentee"), False))
                elif "mentor" in sides:
                    parts["preference"] = 0.4
                    reasons.insert(0, (_("The mentor asked for this mentee"), False))
                else:
                    parts["preference"] = 0.0
                earlier = history.get((mentee["id"], row["id"]))
                parts["history"] = 1.0 if earlier else 0.0
                if earlier:
                    reasons.append((self._mentoring_paired_before(earlier), True))
                score = 100.0 * sum(weights[k] * parts.get(k, 0.0) for k in weights) / total_weight
                key = (mentee["id"], row["id"])
                scores[key] = (round(score, 1), [text for text, _shared in reasons])
                shared[key] = [text for text, is_shared in reasons if is_shared]
        capacities = {row["id"]: row["mentor_available_capacity"] or 0 for row in mentor_rows}
        return mentor_ids, capacities, scores, shared

    @api.model
    def _selection_signals(self, mentee_ids, mentor_ids, program=None):
        """Everything the score needs besides the employees, in one query:
        the mentors' submitted evaluations (by coordinators: results; by
        mentees: feedback), both sides' choices, earlier pairings, and the
        mentor competencies the company keeps as skills (the skills of the
        programme's mentor criteria, or of the company's when the programme
        names none) with each mentor's level on record.

        Selection is the coordinators' work in their own companies: the
        callers check the role, and the ids come from a company-filtered
        search. The aggregate is read in SQL so that ranking 1,000 candidates
        costs the queries of ranking 10.
        """
        results, feedback, chosen, history = {}, {}, defaultdict(set), {}
        competencies = {"skills": [], "levels": defaultdict(dict)}
        if not mentor_ids or not mentee_ids:
            return results, feedback, chosen, history, competencies
        for model in (
            "hr.mentoring.evaluation",
            "hr.mentoring.preference",
            "hr.mentoring.pairing",
            "hr.mentoring.criterion",
            "hr.mentoring.program",
            "hr.employee.skill",
        ):
            self.env[model].flush_model()
        self.env.cr.execute(
            """
            WITH competency AS (
                SELECT DISTINCT c.skill_id
                  FROM hr_mentoring_criterion c
                 WHERE c.skill_id IS NOT NULL AND c.subject = 'mentor' AND (
                       c.id IN (SELECT criterion_id FROM hr_mentoring_program_mentor_criterion_rel
                                 WHERE program_id = %(program)s)
                    OR (NOT EXISTS (SELECT 1 FROM hr_mentoring_program_mentor_criterion_rel
                                     WHERE program_id = %(program)s)
                        AND c.active AND (c.company_id IS NULL OR c.company_id = %(company)s)))
            )
            SELECT 'evaluation', mentor_id, NULL, kind, avg(score), count(*)
              FROM hr_mentoring_evaluation
             WHERE mentor_id = ANY(%(mentors)s) AND subject = 'mentor' AND state IN ('submitted', 'acknowledged')
          GROUP BY mentor_id, kind
         UNION ALL
            SELECT 'choice', mentor_id, mentee_id, chosen_by, NULL, count(*)
              FROM hr_mentoring_preference
             WHERE mentor_id = ANY(%(mentors)s) AND mentee_id = ANY(%(mentees)s)
          GROUP BY mentor_id, mentee_id, chosen_by
         UNION ALL
            SELECT 'history', mentor_id, mentee_id, NULL, NULL, count(*)
              FROM hr_mentoring_pairing
             WHERE mentor_id = ANY(%(mentors)s) AND mentee_id = ANY(%(mentees)s) AND state IN ('done', 'active')
          GROUP BY mentor_id, mentee_id
         UNION ALL
            SELECT 'competency', NULL, s.id, COALESCE(s.name->>%(lang)s, s.name->>'en_US'), NULL, NULL
              FROM hr_skill s
             WHERE s.id IN (SELECT skill_id FROM competency)
         UNION ALL
            SELECT 'skill', es.employee_id, es.skill_id, l.name, l.level_progress, NULL
              FROM hr_employee_skill es
              JOIN hr_skill_level l ON l.id = es.skill_level_id
             WHERE es.employee_id = ANY(%(mentors)s) AND es.skill_id IN (SELECT skill_id FROM competency)
            """,
            {
                "mentors": list(mentor_ids),
                "mentees": list(mentee_ids),
                "program": program.id if program else None,
                "company": program.company_id.id if program else None,
                "lang": self.env.lang or "en_US",
            },
        )
        skill_names = {}
        for source, mentor_id, mentee_id, kind, score, count in self.env.cr.fetchall():
            if source == "evaluation":
                (feedback if kind == "mentee_on_mentor" else results)[mentor_id] = (float(score or 0.0), count)
            elif source == "choice":
                chosen[(mentee_id, mentor_id)].add(kind)
            elif source == "history":
                history[(mentee_id, mentor_id)] = count
            elif source == "competency":
                skill_names[mentee_id] = kind
            else:
                competencies["levels"][mentor_id][mentee_id] = kind
        competencies["skills"] = sorted(skill_names.values(), key=str.lower)
        competencies["levels"] = {
            mentor: {skill_names[skill]: level for skill, level in levels.items() if skill in skill_names}
            for mentor, levels in competencies["levels"].items()
        }
        return results, feedback, chosen, history, competencies

    @api.model
    def _mentoring_cohort_assignment(self, mentees, mentor_ids, capacities, scores):
        """The optimal assignment of ``mentees`` to the mentors ``_mentoring_score``
        returned (``mentor_ids, capacities, scores``); nobody mentors
        themselves. Returns ``{mentee id: mentor id}``."""
        return self._mentoring_optimal_assignment(
            mentees.ids,
            mentor_ids,
            capacities,
            lambda mentee, mentor: scores[(mentee, mentor)][0] if mentee != mentor else None,
        )

    @api.model
    def _mentoring_optimal_assignment(self, mentee_ids, mentor_ids, capacities, score_of):
        """The assignment of mentees to mentors that maximises the total score
        with every mentor taking at most ``capacities[mentor]`` mentees.

        An optimal assignment, not greedy: each mentor's free places become
        columns of a rectangular assignment problem solved exactly
        (Jonker-Volgenant, ``scipy.optimize.linear_sum_assignment``).
        ``score_of(mentee, mentor)`` returns a score or None when the pair is
        impossible. Returns ``{mentee id: mentor id}`` (unassigned mentees
        are left out: not enough places).
        """
        import numpy as np  # noqa: PLC0415 - heavy, only needed here
        from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

        columns = [mentor for mentor in mentor_ids for _place in range(max(capacities.get(mentor, 0), 0))]
        if not mentee_ids or not columns:
            return {}
        matrix = np.full((len(mentee_ids), len(mentor_ids)), FORBIDDEN)
        mentor_index = {mentor: j for j, mentor in enumerate(mentor_ids)}
        for i, mentee in enumerate(mentee_ids):
            for mentor, j in mentor_index.items():
                score = score_of(mentee, mentor)
                if score is not None:
                    matrix[i, j] = score
        column_mentor = np.array([mentor_index[m] for m in columns])
        expanded = matrix[:, column_mentor]
        rows, cols = linear_sum_assignment(expanded, maximize=True)
        return {mentee_ids[i]: columns[j] for i, j in zip(rows, cols, strict=True) if expanded[i, j] > FORBIDDEN / 2}
