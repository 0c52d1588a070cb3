def uninstall_hook(env):
    """The answers to the module's own surveys are deleted with them, by a
    cascade in SQL that leaves their chatter behind: unlink them through the
    ORM first, so that their messages go too."""
    survey_ids = (
        env["ir.model.data"].search([("module", "=", "hr_mentoring"), ("model", "=", "survey.survey")]).mapped("res_id")
    )
    if survey_ids:
        env["survey.user_input"].sudo().search([("survey_id", "in", survey_ids)]).unlink()
