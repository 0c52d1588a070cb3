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


def records_action(record, xml_id, field, context=None, domain=(), default=True):
    """The window action ``xml_id`` on the records whose ``field`` is ``record``
    (and match ``domain``), as a smart button of ``record``'s form opens it:
    with ``default``, the records created there get ``record`` as their
    ``field``."""
    context = {f"default_{field}": record.id, **(context or {})} if default else context or {}
    return window_action(record, xml_id, [(field, "=", record.id), *domain], context)
