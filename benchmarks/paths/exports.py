"""(d) The programme's exports: the Excel workbook against a bare xlsxwriter
loop over one query per sheet, the programme report's HTML against its
aggregates in SQL, and the PDF (wkhtmltopdf, no floor). Above scale 1 also the
report of every programme in one PDF (12,000 pairings at 10x), as a
coordinator prints it from the programme list.

Both workbooks stream (xlsxwriter's ``constant_memory``); the peak of Python
memory of one more run of each (``tracemalloc``) shows what the export holds
at once."""

import io
import tracemalloc

from common import PLAN_FIGURES_SQL

from paths import Check, hot_path

# target (never lowered here)
TARGETS = {
    "xlsx_ratio": 2.0,
}
# the report of every programme (12,000 pairings at 10x) as a PDF
PDF_ALL_SECONDS = 30.0

FLOORS = """\
- Excel: one query per sheet with the joins, then a bare loop of typed `xlsxwriter` calls with the same
  formats (selection values written raw instead of their labels).
- programme report, HTML: the report's four aggregates in SQL, put in `Markup` tables (no QWeb layout).
"""


def floor_xlsx(env, program):
    """The same four sheets with raw SQL and a bare xlsxwriter loop: the
    same cells, typed the same way."""
    import xlsxwriter

    cr = env.cr
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True})
    fmt = {
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "percent": workbook.add_format({"num_format": "0.0%"}),
        "float": workbook.add_format({"num_format": "0.0"}),
        "signed": workbook.add_format({"num_format": "+0.0;-0.0;0.0"}),
    }

    def sheet(name, types, rows):
        ws = workbook.add_worksheet(name)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(types) - 1)
        ws.write_row(0, 0, [f"Column {i}" for i in range(len(types))], header)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                kind = types[c]
                if kind == "bool":
                    ws.write_boolean(r, c, bool(value))
                elif value is None or value is False:
                    continue
                elif kind == "char":
                    ws.write_string(r, c, value)
                elif kind in ("date", "datetime"):
                    ws.write_datetime(r, c, value, fmt[kind])
                elif kind == "percent":
                    ws.write_number(r, c, value / 100.0, fmt[kind])
                else:
                    ws.write_number(r, c, value, fmt.get(kind))

    head_sql = """
        LEFT JOIN LATERAL (
            SELECT hp.name AS head_name FROM hr_department hd
              JOIN hr_employee hm ON hm.id = hd.manager_id JOIN res_users hu ON hu.id = hm.user_id
              JOIN res_partner hp ON hp.id = hu.partner_id
             WHERE d.parent_path LIKE hd.parent_path || '%%' AND hu.id IS DISTINCT FROM mentee.user_id
          ORDER BY length(hd.parent_path) DESC LIMIT 1
        ) head ON true
    """
    cr.execute(
        f"""
        SELECT mentee.name, mentor.name, d.complete_name, head.head_name, p.relationship_type, p.phase, p.state,
               p.date_start, p.date_end, COALESCE(f.events, 0), COALESCE(f.done, 0), COALESCE(f.missed, 0),
               COALESCE(f.due, 0), COALESCE(f.on_time, 0),
               CASE WHEN f.due > 0 THEN 100.0 * f.on_time / f.due END, f.next_date, p.match_score,
               p.fit_concern
          FROM hr_mentoring_pairing p
          LEFT JOIN hr_employee mentee ON mentee.id = p.mentee_id
          LEFT JOIN hr_employee mentor ON mentor.id = p.mentor_id
          LEFT JOIN hr_department d ON d.id = p.department_id
          LEFT JOIN (
              -- the plan figures, counted from the events (as the pairing counts them when read)
              SELECT e.pairing_id,
                     {PLAN_FIGURES_SQL}
                FROM hr_mentoring_event e WHERE e.program_id = %s GROUP BY e.pairing_id
          ) f ON f.pairing_id = p.id
          {head_sql}
         WHERE p.program_id = %s ORDER BY p.date_start, p.id
        """,
        [program.id, program.id],
    )
    sheet(
        "Pairings",
        ["char"] * 7 + ["date", "date"] + ["int"] * 5 + ["percent", "date", "float", "bool"],
        cr.fetchall(),
    )
    cr.execute(
        """
        SELECT mentee.name, mentor.name, d.complete_name, e.name ->> 'en_US', e.event_type, e.phase, e.date_due,
               e.state,
               e.date_done, e.done_on_time, sp.name, e.signed_on, e.mentor_comment, e.acknowledged,
               e.acknowledged_on, e.mentee_comment, e.reviewed, rp.name, e.review_comment, e.missed_on,
               e.missed_reason_category, e.missed_reason
          FROM hr_mentoring_event e
          LEFT JOIN hr_employee mentee ON mentee.id = e.mentee_id
          LEFT JOIN hr_employee mentor ON mentor.id = e.mentor_id
          LEFT JOIN hr_department d ON d.id = e.department_id
          LEFT JOIN res_users su ON su.id = e.signed_by_id LEFT JOIN res_partner sp ON sp.id = su.partner_id
          LEFT JOIN res_users ru ON ru.id = e.reviewed_by_id LEFT JOIN res_partner rp ON rp.id = ru.partner_id
         WHERE e.program_id = %s ORDER BY e.date_due, e.id
        """,
        [program.id],
    )
    event_types = ["char"] * 6 + ["date", "char", "date", "bool", "char", "datetime", "char", "bool", "datetime"]
    event_types += ["char", "bool", "char", "char", "date", "char", "char"]
    sheet("Events", event_types, cr.fetchall())
    cr.execute(
        """
        SELECT l.date, l.kind, l.subject, mentee.name, mentor.name, d.complete_name, ep.name, l.state,
               c.name->>'en_US', lv.name->>'en_US', l.value, l.score, l.comment
          FROM hr_mentoring_evaluation_line l
          JOIN hr_mentoring_evaluation ev ON ev.id = l.evaluation_id
          LEFT JOIN res_users eu ON eu.id = ev.evaluator_id LEFT JOIN res_partner ep ON ep.id = eu.partner_id
          LEFT JOIN hr_employee mentee ON mentee.id = l.mentee_id
          LEFT JOIN hr_employee mentor ON mentor.id = l.mentor_id
          LEFT JOIN hr_department d ON d.id = l.department_id
          LEFT JOIN hr_mentoring_criterion c ON c.id = l.criterion_id
          LEFT JOIN hr_mentoring_scale_level lv ON lv.id = l.level_id
         WHERE l.program_id = %s ORDER BY l.date, l.evaluation_id, l.sequence, l.id
        """,
        [program.id],
    )
    sheet("Evaluations", ["date"] + ["char"] * 9 + ["int", "percent", "char"], cr.fetchall())
    cr.execute(
        """
        SELECT mentor.name, d.complete_name, p.pairings, p.active, f.due, f.on_time,
               CASE WHEN f.due > 0 THEN 100.0 * f.on_time / f.due END, pr.progress
          FROM (SELECT mentor_id, count(*) FILTER (WHERE state <> 'cancelled') AS pairings,
                       count(*) FILTER (WHERE state = 'active') AS active
                  FROM hr_mentoring_pairing WHERE program_id = %(p)s GROUP BY mentor_id) p
          JOIN hr_employee mentor ON mentor.id = p.mentor_id
          LEFT JOIN hr_department d ON d.id = mentor.department_id
          LEFT JOIN (SELECT mentor_id, count(*) AS due, count(*) FILTER (WHERE done_on_time) AS on_time
                       FROM hr_mentoring_event WHERE program_id = %(p)s AND event_type = 'feedback'
                        AND state IN ('done', 'missed') GROUP BY mentor_id) f ON f.mentor_id = p.mentor_id
          LEFT JOIN (SELECT mentor_id, avg(score_change) AS progress FROM hr_mentoring_progress
                      WHERE program_id = %(p)s AND is_latest GROUP BY mentor_id) pr ON pr.mentor_id = p.mentor_id
      ORDER BY lower(mentor.name)
        """,
        {"p": program.id},
    )
    mentor_rows = cr.fetchall()
    rates = [r[6] for r in mentor_rows if r[6] is not None]
    average = sum(rates) / len(rates) if rates else None
    rows = [
        [*r[:7], None if r[6] is None or average is None else r[6] - average, "", r[7], None, ""] for r in mentor_rows
    ]
    sheet("Mentors", ["char", "char"] + ["int"] * 4 + ["percent", "signed", "char", "signed", "signed", "char"], rows)
    workbook.close()
    return len(output.getvalue())


def floor_program_html(env, program):
    """The programme report's figures in raw SQL, put in HTML tables."""
    from markupsafe import Markup, escape

    cr = env.cr
    parts = []

    def table(title, rows):
        body = Markup("").join(
            Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % escape(v) for v in row) for row in rows
        )
        parts.append(Markup("<h2>%s</h2><table class='table'><tbody>%s</tbody></table>") % (title, body))

    cr.execute(
        """SELECT d.complete_name, p.state, count(*) FROM hr_mentoring_pairing p
             LEFT JOIN hr_department d ON d.id = p.department_id WHERE p.program_id = %s
         GROUP BY 1, 2 ORDER BY 1, 2""",
        [program.id],
    )
    table("Pairings by department", cr.fetchall())
    cr.execute(
        """SELECT d.complete_name, m.name, count(*), count(*) FILTER (WHERE e.done_on_time)
             FROM hr_mentoring_event e LEFT JOIN hr_department d ON d.id = e.department_id
             LEFT JOIN hr_employee m ON m.id = e.mentor_id
            WHERE e.program_id = %s AND e.event_type = 'feedback' AND e.state IN ('done', 'missed')
         GROUP BY 1, 2 ORDER BY 1, 2""",
        [program.id],
    )
    table("Feedback on time", cr.fetchall())
    cr.execute(
        """SELECT m.name, sum(score_change), count(*) FROM hr_mentoring_progress pr
             JOIN hr_employee m ON m.id = pr.mentor_id WHERE pr.program_id = %s AND pr.is_latest
         GROUP BY 1 ORDER BY 1""",
        [program.id],
    )
    table("Mentee progress", cr.fetchall())
    cr.execute(
        """SELECT l.subject, c.name->>'en_US', count(*), avg(l.value), avg(l.score)
             FROM hr_mentoring_evaluation_line l JOIN hr_mentoring_criterion c ON c.id = l.criterion_id
            WHERE l.program_id = %s AND l.state <> 'draft' AND l.level_id IS NOT NULL
         GROUP BY 1, 2, c.sequence, c.id ORDER BY 1, c.sequence, c.id""",
        [program.id],
    )
    table("Criteria", cr.fetchall())
    return len(Markup("<html><body>%s</body></html>") % Markup("").join(parts))


def peak_mib(runner, fn):
    """The peak of Python memory (MiB) allocated by one run of ``fn``."""
    tracemalloc.start()
    try:
        runner.once(fn)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)


@hot_path("exports", order=50, floors=FLOORS, needs_http=True)
def measure(ctx):
    runner, env = ctx.runner, ctx.env
    coordinator_env, program = ctx.as_coordinator({"lang": "en_US", "tz": "UTC"})
    env.cr.execute(
        "SELECT (SELECT count(*) FROM hr_mentoring_event WHERE program_id = %(p)s),"
        " (SELECT count(*) FROM hr_mentoring_pairing WHERE program_id = %(p)s)",
        {"p": program.id},
    )
    n_events, n_pairings = env.cr.fetchone()

    def xlsx():
        return len(program._mentoring_export_xlsx())

    def xlsx_floor():
        return floor_xlsx(coordinator_env, program)

    samples, _out = runner.compare("xlsx", xlsx, xlsx_floor)
    ctx.record("xlsx", f"(d) Excel export of a programme ({n_events:,} events)", n_events, samples)
    ctx.extra["xlsx_peak_mib"] = {"orm": peak_mib(runner, xlsx), "floor": peak_mib(runner, xlsx_floor), "n": n_events}
    Report = coordinator_env["ir.actions.report"]

    def html():
        content, _kind = Report._render_qweb_html("hr_mentoring.report_program", program.ids)
        return len(content)

    samples, _out = runner.compare("pdf_html", html, lambda: floor_program_html(coordinator_env, program))
    label = f"(d) programme report of {n_pairings:,} pairings"
    ctx.record("pdf_html", f"{label}, HTML render", n_pairings, samples)
    if not ctx.pdf:
        return

    def pdf_render(programs=program):
        content, _kind = Report.with_context(report_pdf_no_attachment=True)._render_qweb_pdf(
            "hr_mentoring.report_program", programs.ids
        )
        assert content[:4] == b"%PDF"
        return len(content)

    samples, _out = runner.compare("pdf", pdf_render, None, runs=min(runner.runs, 3))
    ctx.record("pdf", f"{label}, PDF (wkhtmltopdf)", n_pairings, samples)
    if ctx.sizes.scale > 1:
        # every programme in one print, as from the programme list
        programs = coordinator_env["hr.mentoring.program"].search([])
        env.cr.execute("SELECT count(*) FROM hr_mentoring_pairing WHERE program_id = ANY(%s)", [programs.ids])
        n_all = env.cr.fetchone()[0]
        samples, _out = runner.compare("pdf_all", lambda: pdf_render(programs), None, runs=min(runner.runs, 2))
        ctx.record("pdf_all", f"(d) report of all {len(programs)} programmes ({n_all:,} pairings), PDF", n_all, samples)


@measure.target(order=40)
def targets(by_name, extra):
    if "xlsx" in by_name:
        r = by_name["xlsx"]
        yield Check(
            "xlsx",
            f"Excel export: <= {TARGETS['xlsx_ratio']:.0f}x a bare xlsxwriter loop",
            r["ratio"] <= TARGETS["xlsx_ratio"],
            f"{r['ratio']:.2f}x",
        )
    peak = extra.get("xlsx_peak_mib")
    if peak:
        yield Check(
            "xlsx_memory",
            f"Excel export streams: peak memory <= {TARGETS['xlsx_ratio']:.0f}x the bare loop's",
            peak["orm"] <= TARGETS["xlsx_ratio"] * peak["floor"],
            f"{peak['orm']:.1f} MiB / {peak['floor']:.1f} MiB for {peak['n']:,} events (Python's, tracemalloc)",
        )
    if "pdf_all" in by_name:
        r = by_name["pdf_all"]
        yield Check(
            "pdf_all",
            f"report of every programme ({r['n']:,} pairings) as a PDF: < {PDF_ALL_SECONDS:.0f} s",
            r["orm_seconds"] < PDF_ALL_SECONDS,
            f"{r['orm_seconds']:.1f} s",
        )
