"""The window actions that the buttons of the mentoring records open."""


def window_action(record, xml_id, domain=None, context=None):
    """The window action ``xml_id`` that a button of ``record`` opens, with its
    ``domain`` and ``context``: refused, as reading ``record`` would be, to a
    user who may not read it (a caller over RPC learns nothing of it)."""
    record.ensure_one()
    record.check_access("read")
    action = record.env["ir.actions.act_window"]._for_xml_id(xml_id)
    if domain is not None:
        action["domain"] = domain
    if context is not None:
        action["context"] = context
    return action
