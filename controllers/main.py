from odoo import http
from odoo.http import content_disposition, request

from ..reports.hr_mentoring_program_xlsx import XLSX_MIMETYPE


class MentoringController(http.Controller):
    @http.route("/hr_mentoring/program/<int:program_id>/xlsx", type="http", auth="user", readonly=True)
    def program_xlsx(self, program_id, **kwargs):
        """Download a programme as an Excel workbook, read with the user's rights."""
        program = request.env["hr.mentoring.program"].browse(program_id).exists()
        if not program:
            raise request.not_found()
        # refuses, with a message, whoever may not export the programme
        content = program._mentoring_export_xlsx()
        filename = request.env["report.hr_mentoring.program_xlsx"]._mentoring_get_filename(program)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
