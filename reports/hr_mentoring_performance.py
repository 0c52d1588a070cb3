from collections import defaultdict

from odoo import api, fields, models

from ..models.hr_mentoring_figures import compare, rate

# A department head has this many working days to review a done or missed
# event before the review counts as not done (a constant of the method: the
# week after the event).
REVIEW_GRACE_DAYS = 5
# review rate of a head "well below/above" the programme's: percentage points
REVIEW_MARGIN = 15.0


class HrMentoringPerformance(models.AbstractModel):
    """How the operational managers apply the programme: the under- and
    over-performing mentors and department heads of a programme, with the
    method's recommended action.

    Every figure is read with the reader's rights (a head sees their
    departments), in a fixed number of grouped queries whatever the number of
    pairings, mentors or heads.
    """

    _name = "hr.mentoring.performance"
    _description = "Mentoring performance of mentors and department heads"

    @api.model
    def _mentoring_recommended_actions(self):
        """{(who, flag): recommended action} in the reader's language."""
        _ = self.env._
        return {
            ("mentor", "below"): _(
                "Training on feedback and discussions, and peer support from a mentor who does well."
            ),
            ("mentor", "above"): _("Recognition, and a peer-mentor role for the other mentors."),
            ("head", "below"): _(
                "Training on the head's part of the method (approving, reviewing, following up missed "
                "events), and peer support from a head who applies it well."
            ),
            ("head", "above"): _("Recognition, and a peer-mentor role for the other department heads."),
        }

    @api.model
    def _mentoring_mentor_actions(self, mentor_rows):
        """The recommended action of each flagged mentor row (report rows of
        report.hr_mentoring.report_program), added in place."""
        actions = self._mentoring_recommended_actions()
        for row in mentor_rows:
            flags = (row["rate_flag"], row["progress_flag"])
            flag = "below" if "below" in flags else "above" if "above" in flags else ""
            row["flag"] = flag
            row["action"] = actions.get(("mentor", flag), "")
        return mentor_rows

    @api.model
    def _mentoring_head_rows(self, program):
        """One row per department head of the programme's pairings (the
        nearest head of each mentee's department): approvals waiting past the
        approval activity's deadline, events done or missed more than
        REVIEW_GRACE_DAYS working days ago and not reviewed, missed events
        escalated because nobody explained them, and the head's flag and
        recommended action. Sorted by name."""
        Pairing = self.env["hr.mentoring.pairing"]
        Event = self.env["hr.mentoring.event"]
        today = fields.Date.context_today(self)
        approval_type = self.env.ref("hr_mentoring.mail_activity_type_approval")
        domain = [("program_id", "=", program.id)]
        waiting = Pairing.search(
            [
                *domain,
                ("state", "=", "proposed"),
                (
                    "activity_ids",
                    "any",
                    [("activity_type_id", "=", approval_type.id), ("date_deadline", "<", today)],
                ),
            ]
        )
        cutoff = program.company_id._mentoring_nth_working_day_back(today, REVIEW_GRACE_DAYS)
        review_groups = Event._read_group(
            [*domain, ("state", "in", ("done", "missed")), ("date_due", "<", cutoff)],
            ["pairing_id", "reviewed"],
            ["__count"],
        )
        unfollowed_groups = Event._read_group(
            [
                *domain,
                ("state", "=", "missed"),
                ("missed_reason_category", "=", False),
                ("escalated_on", "!=", False),
            ],
            ["pairing_id"],
            ["__count"],
        )
        pairings = waiting | Pairing.union(*(g[0] for g in review_groups), *(g[0] for g in unfollowed_groups))
        head_of = pairings._mentoring_head_users()
        data = defaultdict(lambda: {"approvals_overdue": 0, "reviews_due": 0, "reviewed": 0, "missed_unfollowed": 0})
        for pairing in waiting:
            if pairing.id in head_of:
                data[head_of[pairing.id]]["approvals_overdue"] += 1
        for pairing, reviewed, count in review_groups:
            if pairing.id in head_of:
                row = data[head_of[pairing.id]]
                row["reviews_due"] += count
                row["reviewed"] += count if reviewed else 0
        for pairing, count in unfollowed_groups:
            if pairing.id in head_of:
                data[head_of[pairing.id]]["missed_unfollowed"] += count
        total_due = sum(row["reviews_due"] for row in data.values())
        average = rate(sum(row["reviewed"] for row in data.values()), total_due)
        actions = self._mentoring_recommended_actions()
        rows = []
        for user, row in sorted(data.items(), key=lambda item: (item[0].name or "").lower()):
            review_rate = rate(row["reviewed"], row["reviews_due"])
            review_flag = compare(review_rate, average, REVIEW_MARGIN)
            if row["approvals_overdue"] or row["missed_unfollowed"] or review_flag == "below":
                flag = "below"
            elif review_rate is not None and (review_flag == "above" or review_rate >= 100.0):
                flag = "above"
            else:
                flag = ""
            rows.append(
                {
                    "head": user,
                    **row,
                    "review_rate": review_rate,
                    "flag": flag,
                    "action": actions.get(("head", flag), ""),
                }
            )
        return rows
