"""The data checks of `make upgrade-check` (scripts/upgrade_check.sh), in SQL.

  upgrade_check.py snapshot DB FILE      what the database holds, as JSON
  upgrade_check.py compare BEFORE AFTER  every record of BEFORE is in AFTER, same state
  upgrade_check.py invariants DB --security-dir DIR
                                         what the new version assumes holds

Plain SQL on purpose: the same query reads a database of any release, whatever
its models' Python looks like.
"""

import argparse
import json
import re
import sys
from pathlib import Path

import psycopg2
from lxml import etree

# table -> the column whose value must survive (None: the row must survive)
KEPT = {
    "hr_mentoring_program": "state",
    "hr_mentoring_pairing": "state",
    "hr_mentoring_event": "state",
    "hr_mentoring_evaluation": "state",
    "hr_mentoring_evaluation_line": None,
    "hr_mentoring_note": None,
    "hr_mentoring_program_acknowledgement": "date_acknowledged",
    "hr_mentoring_program_adjustment": None,
    "hr_mentoring_program_stage": "state",
    "hr_mentoring_goal": "state",
}
STAGE_CODES = 12


def connect(args, db):
    return psycopg2.connect(
        dbname=db, host=args.db_host, port=args.db_port, user=args.db_user, password=args.db_password
    )


def tables(cr):
    cr.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
    return {row[0] for row in cr.fetchall()}


def snapshot(args):
    with connect(args, args.db) as conn, conn.cursor() as cr:
        present = tables(cr)
        data = {}
        for table, column in KEPT.items():
            if table not in present:
                continue
            value = f"{column}::text" if column else "NULL"
            cr.execute(f"SELECT id, {value} FROM {table}")  # the names come from KEPT
            data[table] = {str(rid): val for rid, val in cr.fetchall()}
        # the messages and attachments of the module's records
        cr.execute("SELECT id, model FROM mail_message WHERE model LIKE 'hr.mentoring.%%'")
        data["mail_message"] = {str(rid): model for rid, model in cr.fetchall()}
        cr.execute("SELECT id, res_model FROM ir_attachment WHERE res_model LIKE 'hr.mentoring.%%'")
        data["ir_attachment"] = {str(rid): model for rid, model in cr.fetchall()}
    Path(args.file).write_text(json.dumps(data, indent=1, sort_keys=True))
    counts = ", ".join(f"{table} {len(rows)}" for table, rows in data.items())
    print(f"snapshot of {args.db}: {counts}")
    return 0


def compare(args):
    before = json.loads(Path(args.before).read_text())
    after = json.loads(Path(args.after).read_text())
    bad = 0
    for table, rows in before.items():
        now = after.get(table, {})
        lost = sorted(set(rows) - set(now), key=int)
        changed = sorted((rid for rid in rows if rid in now and now[rid] != rows[rid]), key=int)
        print(f"  {table}: {len(rows)} before, {len(now)} after", end="")
        if lost:
            print(f", LOST {len(lost)} (ids {', '.join(lost[:10])})", end="")
        if changed:
            examples = ", ".join(f"{rid}: {rows[rid]} -> {now[rid]}" for rid in changed[:5])
            print(f", CHANGED {len(changed)} ({examples})", end="")
        print()
        bad += len(lost) + len(changed)
    return 1 if bad else 0


def xml_rules(security_dir):
    """{xmlid: domain} of the record rules the module's security files declare."""
    rules = {}
    for path in sorted(Path(security_dir).glob("*.xml")):
        for record in etree.parse(str(path)).iter("record"):
            if record.get("model") != "ir.rule":
                continue
            domain = record.find("field[@name='domain_force']")
            rules[record.get("id")] = domain.text if domain is not None else None
    return rules


def normalise(domain):
    return re.sub(r"\s+", "", domain or "")


def invariants(args):
    problems = []
    with connect(args, args.db) as conn, conn.cursor() as cr:
        cr.execute(
            """SELECT p.id, p.name::text, count(s.id) FROM hr_mentoring_program p
               LEFT JOIN hr_mentoring_program_stage s ON s.program_id = p.id
               GROUP BY p.id, p.name ORDER BY p.id"""
        )
        for pid, name, count in cr.fetchall():
            if count != STAGE_CODES:
                problems.append(f"programme {pid} {name}: {count} stages, not {STAGE_CODES}")
        # every scheduled action of the module: its server action restricted to administrators
        cr.execute(
            """SELECT d.name, array_remove(array_agg(g.name), NULL)
               FROM ir_model_data d
               JOIN ir_cron c ON c.id = d.res_id
               LEFT JOIN ir_act_server_group_rel r ON r.act_id = c.ir_actions_server_id
               LEFT JOIN ir_model_data g ON g.model = 'res.groups' AND g.res_id = r.gid
               WHERE d.module = 'hr_mentoring' AND d.model = 'ir.cron'
               GROUP BY d.name ORDER BY d.name"""
        )
        crons = cr.fetchall()
        for name, groups in crons:
            if groups != ["group_system"]:
                problems.append(f"scheduled action {name}: runnable by groups {groups or 'anyone'}")
        cr.execute("SELECT count(*) FROM hr_mentoring_pairing WHERE state = 'active' AND health IS NULL")
        (no_health,) = cr.fetchone()
        if no_health:
            problems.append(f"{no_health} active pairings without health")
        cr.execute(
            """SELECT d.name, r.domain_force, r.active FROM ir_model_data d
               JOIN ir_rule r ON r.id = d.res_id
               WHERE d.module = 'hr_mentoring' AND d.model = 'ir.rule'"""
        )
        in_db = {name: (domain, active) for name, domain, active in cr.fetchall()}
        declared = xml_rules(args.security_dir)
        for xmlid, domain in sorted(declared.items()):
            if xmlid not in in_db:
                problems.append(f"record rule {xmlid} missing")
            elif normalise(in_db[xmlid][0]) != normalise(domain):
                problems.append(f"record rule {xmlid}: its domain is not the new version's")
            elif not in_db[xmlid][1]:
                problems.append(f"record rule {xmlid} inactive")
        for xmlid in sorted(set(in_db) - set(declared)):
            problems.append(f"record rule {xmlid} left over from an earlier release")
        # the module's feedback survey: one answer per invitation, this version's title
        # (the demo database never changes it), a token on every invitation sent
        cr.execute(
            """SELECT s.is_attempts_limited, s.attempts_limit, s.title->>'en_US' FROM ir_model_data d
               JOIN survey_survey s ON s.id = d.res_id
               WHERE d.module = 'hr_mentoring' AND d.name = 'survey_pilot_feedback'"""
        )
        survey = cr.fetchone()
        if survey and survey != (True, 1, "Mentoring Programme Feedback"):
            problems.append(f"feedback survey: attempts limited, limit, title = {survey}")
        cr.execute(
            "SELECT count(*) FROM survey_user_input WHERE mentoring_program_id IS NOT NULL AND invite_token IS NULL"
        )
        (no_token,) = cr.fetchone()
        if no_token:
            problems.append(f"{no_token} mentoring survey invitations without a token")
        cr.execute("SELECT count(*) FROM hr_mentoring_program")
        (programs,) = cr.fetchone()
    print(
        f"  invariants: {programs} programmes x {STAGE_CODES} stages, {len(crons)} scheduled actions "
        f"for administrators only, health on every active pairing, {len(declared)} record rules as declared, "
        "the feedback survey of this version"
    )
    for problem in problems:
        print(f"  INVARIANT BROKEN: {problem}")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for opt in ("host", "port", "user", "password"):
        parser.add_argument(f"--db-{opt}", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("snapshot")
    p.add_argument("db")
    p.add_argument("file")
    p = sub.add_parser("compare")
    p.add_argument("before")
    p.add_argument("after")
    p = sub.add_parser("invariants")
    p.add_argument("db")
    p.add_argument("--security-dir", required=True)
    args = parser.parse_args()
    return {"snapshot": snapshot, "compare": compare, "invariants": invariants}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
