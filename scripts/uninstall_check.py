"""What uninstalling hr_mentoring must leave behind: nothing. Part of `make install-check`.

  uninstall_check.py record DB FILE   before the uninstall: the module's tables and columns
  uninstall_check.py check DB FILE    after it: none of them, and no record of the module left

Plain SQL, so that the check does not depend on the module's code being loaded.
"""

import argparse
import json
import sys
from pathlib import Path

import psycopg2


def connect(args):
    return psycopg2.connect(
        dbname=args.db, host=args.db_host, port=args.db_port, user=args.db_user, password=args.db_password
    )


def record(args):
    """The tables of the module's models and the columns of its stored fields
    on other modules' models, as the registry declared them."""
    with connect(args) as conn, conn.cursor() as cr:
        cr.execute(
            """SELECT m.model, f.name, f.ttype, f.store, f.relation_table, f.column1
               FROM ir_model_fields f
               JOIN ir_model m ON m.id = f.model_id
               JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
               WHERE d.module = 'hr_mentoring'"""
        )
        columns, relations = [], []
        for model, name, ttype, store, relation_table, _column1 in cr.fetchall():
            table = model.replace(".", "_")
            if ttype == "many2many" and relation_table:
                relations.append(relation_table)
            elif store and ttype != "one2many":
                columns.append([table, name])
        # the module's own models: no other module declares them (an extended
        # core model has an xmlid of this module too)
        cr.execute(
            """SELECT m.model FROM ir_model m
               JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
               WHERE d.module = 'hr_mentoring'
                 AND NOT EXISTS (SELECT 1 FROM ir_model_data o WHERE o.model = 'ir.model'
                                 AND o.res_id = m.id AND o.module <> 'hr_mentoring')"""
        )
        tables = sorted(model.replace(".", "_") for (model,) in cr.fetchall())
    data = {"tables": tables, "columns": sorted(columns), "relations": sorted(set(relations))}
    Path(args.file).write_text(json.dumps(data, indent=1))
    print(f"  the module has {len(tables)} models, {len(columns)} stored columns, {len(relations)} relation tables")
    return 0


def check(args):
    data = json.loads(Path(args.file).read_text())
    problems = []
    with connect(args) as conn, conn.cursor() as cr:
        cr.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        present = {row[0] for row in cr.fetchall()}
        problems += [f"table {t} left" for t in data["tables"] + data["relations"] if t in present]
        cr.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'")
        columns = set(cr.fetchall())
        problems += [f"column {t}.{c} left" for t, c in data["columns"] if (t, c) in columns]
        queries = {
            "ir_model_data rows of the module": "SELECT count(*) FROM ir_model_data WHERE module = 'hr_mentoring'",
            "menus whose action is gone": """SELECT count(*) FROM ir_ui_menu WHERE action IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM ir_actions a WHERE a.id = split_part(action, ',', 2)::int)""",
            "views on the module's models": "SELECT count(*) FROM ir_ui_view WHERE model LIKE 'hr.mentoring.%%'",
            "views naming the module's fields": "SELECT count(*) FROM ir_ui_view WHERE arch_db::text ~ 'mentoring_|mentor_state'",
            "server actions on models that are gone": """SELECT count(*) FROM ir_act_server a
                LEFT JOIN ir_model m ON m.id = a.model_id WHERE m.id IS NULL""",
            "scheduled actions of the module": "SELECT count(*) FROM ir_cron WHERE cron_name::text ILIKE '%%mentoring%%'",
            "groups of the module": "SELECT count(*) FROM res_groups WHERE name::text ILIKE '%%mentoring%%'",
            "record rules on the module's models": """SELECT count(*) FROM ir_rule r JOIN ir_model m
                ON m.id = r.model_id WHERE m.model LIKE 'hr.mentoring.%%'""",
            "record rules naming the module's fields": "SELECT count(*) FROM ir_rule WHERE domain_force ~ 'mentor'",
            "messages on the module's models": "SELECT count(*) FROM mail_message WHERE model LIKE 'hr.mentoring.%%'",
            "activities on the module's models": "SELECT count(*) FROM mail_activity WHERE res_model LIKE 'hr.mentoring.%%'",
            "messages on survey answers that are gone": """SELECT count(*) FROM mail_message m
                WHERE m.model = 'survey.user_input'
                AND NOT EXISTS (SELECT 1 FROM survey_user_input u WHERE u.id = m.res_id)""",
            "followers of records that are gone": """SELECT count(*) FROM mail_followers f
                WHERE f.res_model LIKE 'hr.mentoring.%%'""",
            "attachments of the module's models": "SELECT count(*) FROM ir_attachment WHERE res_model LIKE 'hr.mentoring.%%'",
        }
        for label, query in queries.items():
            cr.execute(query)
            (count,) = cr.fetchone()
            if count:
                problems.append(f"{count} {label}")
    for problem in problems:
        print(f"  LEFT BEHIND: {problem}")
    if not problems:
        print(
            f"  nothing left: {len(data['tables'])} tables, {len(data['columns'])} stored columns, "
            f"{len(data['relations'])} relation tables and every record of the module are gone"
        )
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for opt in ("host", "port", "user", "password"):
        parser.add_argument(f"--db-{opt}", required=True)
    parser.add_argument("command", choices=["record", "check"])
    parser.add_argument("db")
    parser.add_argument("file")
    args = parser.parse_args()
    return record(args) if args.command == "record" else check(args)


if __name__ == "__main__":
    sys.exit(main())
