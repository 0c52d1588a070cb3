#!/usr/bin/env bash
# make run: the demo database `mentoring_demo` with hr_mentoring and its demo
# data, served at http://localhost:8069. Re-running reuses the database;
# RESET=1 recreates it.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
DB="${RUN_DB:-mentoring_demo}"
update_demo_db "$DB"
# the address of this server before anyone logs in: wkhtmltopdf fetches the
# PDFs' styles from it and mail links point to it (Odoo otherwise keeps
# :8069 until an administrator logs in)
PGPASSWORD="$DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$DB" -v ON_ERROR_STOP=1 -qAtX -c "
    INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
    VALUES ('web.base.url', 'http://localhost:$HTTP_PORT', 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = EXCLUDED.write_date"
cat <<EOT

  hr_mentoring is running at  http://localhost:$HTTP_PORT   (database $DB)

  Logins (password = login):
    admin    / admin     administrator, also a mentoring coordinator
    grace    / grace     Grace Gardner - HR director, approves the pilot's final report
    cora     / cora      Cora Coordinator - HR, runs the programmes
    hanna    / hanna     Hanna Head - head of Sales
    maria    / maria     Maria Mentor - approved mentor (Sales)
    xavier   / xavier    Xavier Newcomer - mentee in Sales
    and, password = login too: diane, kevin (heads of Customer Care and Key Accounts),
    paulp, samuel, lea (mentors), victor (candidate mentor),
    nora, yasmin, olivia, quentin, umar, rita, tom (mentees),
    ines, jonas, sofia (mentees of the Customer Care pilot)

  Stop with Ctrl+C.
EOT
exec "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
    -d "$DB" --db-filter="^$DB\$" --http-port="$HTTP_PORT" --data-dir="$VENV/filestore" --log-level=info
