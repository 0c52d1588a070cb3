"""The dataset's bulk rows in SQL (``INSERT ... SELECT`` over
``generate_series``): plan events, their activities and followers, the
evaluations and their ratings; and the checks that the rows copied in SQL
equal their sources."""

import json
import logging

import dataset  # the constants (dataset imports this module: read them at run time)

_logger = logging.getLogger("hr_mentoring.bench")


def insert_events(env, today, sizes):
    """100,000 plan events over the 1,200 pairings (at scale 1; 83 or 84 each,
    every 4 days from the pairing's start): the past ones are done, except
    20,000 still planned (past due, not flagged), 5,000 missed and 1,000
    cancelled; the future ones are planned. Each meeting lasts its type's
    default length, as the ORM computes it."""
    from odoo.addons.hr_mentoring.models.hr_mentoring_meeting_mixin import MEETING_DURATIONS

    cr = env.cr
    cr.execute(
        """
        WITH p AS (
            SELECT p.*, e.user_id AS mentor_user_id, row_number() OVER (ORDER BY p.id) - 1 AS idx
              FROM hr_mentoring_pairing p JOIN hr_employee e ON e.id = p.mentor_id
        ), n AS (
            SELECT n, n / %(pairings)s AS k, n %% %(pairings)s AS idx FROM generate_series(0, %(events)s - 1) n
        )
        INSERT INTO hr_mentoring_event (
            pairing_id, program_id, company_id, mentor_id, mentee_id, department_id,
            name, sequence, event_type, meeting_duration, phase, responsible_role, date_due, state,
            acknowledged, reviewed, reminder_sent, create_uid, write_uid, create_date, write_date
        )
        SELECT p.id, p.program_id, p.company_id, p.mentor_id, p.mentee_id, p.department_id,
               -- the name is translatable (jsonb, one text per language)
               jsonb_build_object(
                   'en_US',
                   CASE n.k %% 4 WHEN 1 THEN 'Weekly discussion ' WHEN 3 THEN 'Milestone ' ELSE 'Feedback ' END
                       || (n.k + 1)
               ),
               n.k + 1,
               t.event_type,
               coalesce((%(durations)s::jsonb ->> t.event_type)::float, 0),
               CASE WHEN n.k < 28 THEN 'adaptation' WHEN n.k < 56 THEN 'training' ELSE 'workplace_coaching' END,
               CASE WHEN n.k %% 10 = 9 THEN 'head' ELSE 'mentor' END,
               p.date_start + 2 + 4 * n.k,
               'planned', false, false, false, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM n JOIN p ON p.idx = n.idx
         CROSS JOIN LATERAL (
             SELECT CASE n.k %% 4 WHEN 1 THEN 'planned_discussion' WHEN 3 THEN 'milestone' ELSE 'feedback' END
                    AS event_type
         ) t
        """,
        {"pairings": sizes.pairings, "events": sizes.events, "durations": json.dumps(MEETING_DURATIONS)},
    )
    cr.execute(
        """
        WITH ranked AS (
            SELECT id, row_number() OVER (ORDER BY md5(id::text)) AS r
              FROM hr_mentoring_event WHERE date_due < %(today)s
        )
        UPDATE hr_mentoring_event e
           SET state = CASE WHEN r <= %(planned)s THEN 'planned'
                            WHEN r <= %(missed)s THEN 'missed'
                            WHEN r <= %(cancelled)s THEN 'cancelled'
                            ELSE 'done' END
          FROM ranked WHERE ranked.id = e.id
        """,
        {
            "today": today,
            "planned": sizes.past_due_planned,
            "missed": sizes.past_due_planned + sizes.missed,
            "cancelled": sizes.past_due_planned + sizes.missed + sizes.cancelled,
        },
    )
    # done: signed by the mentor, one in five late; done_on_time/done_late as computed
    cr.execute(
        """
        UPDATE hr_mentoring_event e
           SET date_done = e.date_due + CASE WHEN e.id % 5 = 0 THEN 2 ELSE -(e.id % 3) END,
               signed_by_id = u.user_id,
               signed_on = (e.date_due + CASE WHEN e.id % 5 = 0 THEN 2 ELSE -(e.id % 3) END) + time '16:30',
               mentor_comment = CASE WHEN e.id % 4 = 0 THEN 'Discussed the week; next steps agreed.' END,
               acknowledged = e.id % 2 = 0,
               acknowledged_on = CASE WHEN e.id % 2 = 0 THEN e.date_due + 3 + time '09:00' END,
               reviewed = e.id % 3 = 0,
               done_on_time = e.id % 5 <> 0,
               done_late = e.id % 5 = 0
          FROM hr_employee u
         WHERE u.id = e.mentor_id AND e.state = 'done'
        """
    )
    cr.execute(
        """
        UPDATE hr_mentoring_event
           SET missed_on = date_due + 1,
               missed_reason_category = CASE WHEN id % 2 = 0 THEN 'workload' END,
               missed_reason = CASE WHEN id % 2 = 0 THEN 'Client workshop the whole day.' END,
               done_on_time = false, done_late = false
         WHERE state = 'missed'
        """
    )
    cr.execute(
        "UPDATE hr_mentoring_event SET done_on_time = false, done_late = false WHERE state IN ('planned', 'cancelled')"
    )


def insert_activities_and_followers(env):
    """What the plan wizard leaves behind: one 'Mentoring' activity per planned
    event for its responsible (the mentor, or the department head), and the
    mentor following every event of the plan."""
    cr = env.cr
    model_id = env["ir.model"]._get_id("hr.mentoring.event")
    activity_type = env.ref("hr_mentoring.mail_activity_type_mentoring")
    heads = env["hr.mentoring.pairing"].search([])._mentoring_head_users()
    cr.execute(
        "CREATE TEMP TABLE bench_head (pairing_id int PRIMARY KEY, user_id int) ON COMMIT DROP;"
        "INSERT INTO bench_head SELECT * FROM unnest(%s::int[], %s::int[])",
        [list(heads), [u.id for u in heads.values()]],
    )
    _logger.info("dataset: heads found")
    cr.execute(
        """
        INSERT INTO mail_activity (
            res_model_id, res_model, res_id, res_name, activity_type_id, summary, date_deadline,
            user_id, user_tz, automated, active, create_uid, write_uid, create_date, write_date
        )
        SELECT %(model_id)s, 'hr.mentoring.event', e.id, (e.name ->> 'en_US') || ' (' || mentee.name || ')', %(type)s,
               e.name ->> 'en_US',
               e.date_due, CASE WHEN e.responsible_role = 'head' THEN h.user_id ELSE mentor.user_id END,
               'UTC', false, true, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM hr_mentoring_event e
          JOIN hr_employee mentor ON mentor.id = e.mentor_id
          JOIN hr_employee mentee ON mentee.id = e.mentee_id
          LEFT JOIN bench_head h ON h.pairing_id = e.pairing_id
         WHERE e.state = 'planned'
           AND CASE WHEN e.responsible_role = 'head' THEN h.user_id ELSE mentor.user_id END IS NOT NULL
        """,
        {"model_id": model_id, "type": activity_type.id},
    )
    _logger.info("dataset: activities inserted")
    subtypes = env["mail.message.subtype"].default_subtypes("hr.mentoring.event")[0]
    cr.execute(
        """
        WITH f AS (
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT 'hr.mentoring.event', e.id, u.partner_id
              FROM hr_mentoring_event e
              JOIN hr_employee mentor ON mentor.id = e.mentor_id
              JOIN res_users u ON u.id = mentor.user_id
            RETURNING id
        )
        INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
        SELECT f.id, s FROM f, unnest(%s::int[]) s
        """,
        [subtypes.ids],
    )


def insert_evaluations(env, sizes):
    """4 submitted mentor-on-mentee evaluations per pairing (7 mentee criteria)
    and 800 coordinator-on-mentor evaluations (8 mentor criteria): 40,000 ratings
    (at scale 1)."""
    cr = env.cr
    Criterion = env["hr.mentoring.criterion"]
    mentee_criteria = Criterion.search([("subject", "=", "mentee")])
    mentor_criteria = Criterion.search([("subject", "=", "mentor")])[: dataset.MENTOR_EVAL_CRITERIA]
    assert len(mentee_criteria) == dataset.MENTEE_CRITERIA and len(mentor_criteria) == dataset.MENTOR_EVAL_CRITERIA
    cr.execute(
        """
        WITH p AS (
            SELECT p.*, row_number() OVER (ORDER BY p.id) - 1 AS idx FROM hr_mentoring_pairing p
        ), ev AS (
            SELECT p.id AS pairing_id, p.program_id, p.company_id, p.mentor_id, p.mentee_id, p.department_id,
                   'mentor_on_mentee' AS kind, 'mentee' AS subject, 'mentor' AS evaluator_role,
                   mentor.user_id AS evaluator_id, p.date_start + 60 * j AS date,
                   CASE WHEN j %% 2 = 0 THEN 'acknowledged' ELSE 'submitted' END AS state
              FROM p JOIN hr_employee mentor ON mentor.id = p.mentor_id
              JOIN hr_mentoring_program prog ON prog.id = p.program_id
             CROSS JOIN generate_series(1, %(per_pairing)s) j
            UNION ALL
            SELECT p.id, p.program_id, p.company_id, p.mentor_id, p.mentee_id, p.department_id,
                   'coordinator_on_mentor', 'mentor', 'coordinator', prog.coordinator_id, p.date_start + 100,
                   'submitted'
              FROM p JOIN hr_mentoring_program prog ON prog.id = p.program_id
             WHERE p.idx %% 3 <> 2 AND p.idx < %(mentor_evals)s * 3 / 2
        )
        INSERT INTO hr_mentoring_evaluation (
            pairing_id, program_id, company_id, mentor_id, mentee_id, department_id, kind, subject,
            evaluator_role, evaluator_id, date, state, submitted_on, shared_with_subject,
            create_uid, write_uid, create_date, write_date
        )
        SELECT pairing_id, program_id, company_id, mentor_id, mentee_id, department_id, kind, subject,
               evaluator_role, evaluator_id, date, state, date + time '17:00', kind = 'mentor_on_mentee',
               1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM ev
        """,
        {"per_pairing": dataset.EVALS_PER_PAIRING, "mentor_evals": sizes.mentor_evals},
    )
    cr.execute("ANALYZE hr_mentoring_evaluation")
    cr.execute(
        """
        WITH c AS (
            SELECT c.id, c.sequence, c.subject, c.scale_id, bounds.low, bounds.high
              FROM hr_mentoring_criterion c
              JOIN LATERAL (SELECT min(value) AS low, max(value) AS high FROM hr_mentoring_scale_level
                             WHERE scale_id = c.scale_id) bounds ON true
             WHERE c.id = ANY(%(criteria)s)
        ), l AS (
            SELECT ev.id, ev.pairing_id, ev.program_id, ev.company_id, ev.mentee_id, ev.mentor_id,
                   ev.department_id, ev.kind, ev.subject, ev.evaluator_role, ev.date, ev.state,
                   c.id AS criterion_id, c.sequence, lv.id AS level_id, lv.value,
                   CASE WHEN c.high > c.low THEN 100.0 * (lv.value - c.low) / (c.high - c.low) ELSE 100.0 END
                       AS score
              FROM hr_mentoring_evaluation ev
              JOIN c ON c.subject = ev.subject
              JOIN LATERAL (
                  SELECT id, value FROM hr_mentoring_scale_level lv
                   WHERE lv.scale_id = c.scale_id
                ORDER BY value OFFSET (ev.id * 7 + c.id * 3) %% 5 LIMIT 1
              ) lv ON true
        )
        INSERT INTO hr_mentoring_evaluation_line (
            evaluation_id, criterion_id, sequence, level_id, value, score, pairing_id, program_id,
            company_id, mentee_id, mentor_id, department_id, kind, subject, evaluator_role, date, state,
            create_uid, write_uid, create_date, write_date
        )
        SELECT id, criterion_id, sequence, level_id, value, score, pairing_id, program_id,
               company_id, mentee_id, mentor_id, department_id, kind, subject, evaluator_role, date, state,
               1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM l
        """,
        {"criteria": (mentee_criteria | mentor_criteria).ids},
    )


def check_dataset(env, sizes):
    """The counts the dataset promises, and the SQL copies equal to their sources."""
    cr = env.cr
    checks = {
        "employees": ("SELECT count(*) FROM hr_employee WHERE active", sizes.employees),
        "departments": (
            "SELECT count(*) FROM hr_department WHERE name->>'en_US' LIKE 'Division %' OR name->>'en_US' LIKE 'Team %'",
            dataset.N_DEPARTMENTS,
        ),
        "approved mentors": ("SELECT count(*) FROM hr_employee WHERE mentor_state = 'approved'", sizes.mentors),
        "active pairings": ("SELECT count(*) FROM hr_mentoring_pairing WHERE state = 'active'", sizes.pairings),
        "events": ("SELECT count(*) FROM hr_mentoring_event", sizes.events),
        "evaluation lines": ("SELECT count(*) FROM hr_mentoring_evaluation_line", sizes.evaluation_lines),
        "events copied wrong": (
            """SELECT count(*) FROM hr_mentoring_event e JOIN hr_mentoring_pairing p ON p.id = e.pairing_id
                WHERE (e.program_id, e.company_id, e.mentor_id, e.mentee_id, e.department_id)
                      IS DISTINCT FROM (p.program_id, p.company_id, p.mentor_id, p.mentee_id, p.department_id)""",
            0,
        ),
        "timeliness wrong": (
            """SELECT count(*) FROM hr_mentoring_event
                WHERE done_on_time IS DISTINCT FROM (state = 'done' AND date_done <= date_due)
                   OR done_late IS DISTINCT FROM (state = 'done' AND date_done > date_due)""",
            0,
        ),
        "ratings copied wrong": (
            """SELECT count(*) FROM hr_mentoring_evaluation_line l
                 JOIN hr_mentoring_evaluation ev ON ev.id = l.evaluation_id
                 JOIN hr_mentoring_criterion c ON c.id = l.criterion_id
                 JOIN hr_mentoring_scale_level lv ON lv.id = l.level_id
                WHERE (l.pairing_id, l.program_id, l.company_id, l.mentee_id, l.mentor_id, l.department_id,
                       l.kind, l.subject, l.evaluator_role, l.date, l.state, l.sequence, l.value)
                      IS DISTINCT FROM
                      (ev.pairing_id, ev.program_id, ev.company_id, ev.mentee_id, ev.mentor_id, ev.department_id,
                       ev.kind, ev.subject, ev.evaluator_role, ev.date, ev.state, c.sequence, lv.value)""",
            0,
        ),
        "mentors over capacity": (
            """SELECT count(*) FROM (SELECT mentor_id FROM hr_mentoring_pairing WHERE state = 'active'
                GROUP BY mentor_id HAVING count(*) > %s) x"""
            % dataset.MENTOR_CAPACITY,
            0,
        ),
        "second active pairing": (
            """SELECT count(*) FROM (SELECT 1 FROM hr_mentoring_pairing WHERE state = 'active'
                GROUP BY mentee_id, program_id HAVING count(*) > 1) x""",
            0,
        ),
    }
    for name, (query, expected) in checks.items():
        cr.execute(query)
        found = cr.fetchone()[0]
        if found != expected:
            raise AssertionError(f"dataset check '{name}': {found}, expected {expected}")
    # the ORM agrees with what SQL wrote: recompute a sample and compare
    sample = env["hr.mentoring.event"].search([], limit=500, order="id desc")
    Line = env["hr.mentoring.evaluation.line"]
    lines = Line.search([], limit=500, order="id desc")
    evaluations = env["hr.mentoring.evaluation"].search([], limit=500, order="id desc")
    for records in (sample, lines, evaluations):
        fnames = [f.name for f in records._fields.values() if f.store and (f.compute or f.related)]
        stored = records.read(fnames, load=None)
        env.invalidate_all()
        for fname in fnames:
            env.add_to_compute(records._fields[fname], records)
        again = records.read(fnames, load=None)
        if stored != again:
            differ = sorted(
                {
                    fname
                    for before, after in zip(stored, again, strict=True)
                    for fname in fnames
                    if before[fname] != after[fname]
                }
            )
            raise AssertionError(f"stored fields of {records._name} differ from their computation: {differ}")
