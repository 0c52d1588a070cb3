"""One rule for each button of the mentoring records.

A model declares its buttons once, in ``_mentoring_steps``: for each step,
the roles that may take it from each state, and the state it leads to (none
for a step that opens a wizard or records something). Its public method
takes the step with :func:`take_step` (or checks it with :func:`check_step`
before it opens a window), and the ``can_*`` boolean that shows the button
is :func:`allowed_steps`: the same check with its refusal caught, as
``hr.leave._compute_can_approve`` calls ``_check_approval_update``. A button
shows exactly when pressing it would pass. What a step does not know (every
criterion rated, the regulations attached, a free meeting slot) the method
checks after it, and says what is missing.

The model tells who the current user is on each record with
``_mentoring_roles()`` ({record id: set of roles}), and adds the conditions
that are not a state nor a role (a reason given, an evaluation submitted) in
``_mentoring_check_step(name, roles)``, which raises its own refusal. Its
state is the field ``_mentoring_state_field`` ("state" unless it says
otherwise), and a record in a state a step does not start from is refused
with ``_mentoring_state_refusal`` (UserError unless it says otherwise).
"""

from typing import NamedTuple

from odoo.exceptions import AccessError, UserError
from odoo.tools.i18n import format_list
from odoo.tools.translate import LazyGettext, LazyTranslate

_lt = LazyTranslate(__name__)

# the refusals a button may give: a can_* boolean is False on them
REFUSALS = (AccessError, UserError)

# a step whose rule holds in every state
ANY_STATE = "*"

ROLE_LABELS = {
    "coordinator": _lt("coordinator"),
    "manager": _lt("mentoring administrator"),
    "head": _lt("department head"),
    "mentor": _lt("mentor"),
    "mentee": _lt("mentee"),
    "responsible": _lt("person responsible"),
    "evaluator": _lt("evaluator"),
    "subject": _lt("person evaluated"),
    "participant": _lt("participant"),
    "mentee_proxy": _lt("mentor or department head of a mentee without a user account"),
}


class Step(NamedTuple):
    """What one button does, and who may press it when."""

    # the words of the refusals: "You cannot <action>"
    action: LazyGettext
    # {state the record is in: roles that may take the step from it}
    rules: dict
    # the state the step writes; None when it only opens or records something
    target: str | None = None
    # {state: refusal} where the generic "X is <state>" would say too little
    # (ANY_STATE: in every other state; it may use %(record)s or %(name)s,
    # %(state)s, %(target)s and %(action)s)
    wrong_states: dict | None = None
    # the refusal of a user without the role, where naming the roles says too little
    wrong_role: LazyGettext | None = None


def step(action, sources, roles, target=None, wrong_states=None, wrong_role=None):
    """A step taken from each of ``sources`` (``ANY_STATE``: every state) by ``roles``."""
    return Step(action, dict.fromkeys(sources, frozenset(roles)), target, wrong_states, wrong_role)


def transition(action, transitions, target, sources=None, wrong_states=None, wrong_role=None):
    """The step to ``target`` that the state machine ``transitions``
    ({(from, to): roles}) allows, from ``sources`` only when given."""
    rules = {
        old: frozenset(roles)
        for (old, new), roles in transitions.items()
        if new == target and (sources is None or old in sources)
    }
    return Step(action, rules, target, wrong_states, wrong_role)


def refusal_for_role(env, spec, roles):
    """The AccessError of a user who has none of ``roles``, naming who may."""
    if spec.wrong_role:
        return AccessError(env._(spec.wrong_role))
    action = env._(spec.action)
    if set(roles) == {"coordinator"}:
        return AccessError(env._("Only mentoring coordinators may %(action)s.", action=action))
    if set(roles) == {"manager"}:
        return AccessError(env._("Only mentoring administrators may %(action)s.", action=action))
    return AccessError(
        env._(
            "You cannot %(action)s: only the %(roles)s of this mentoring pairing may do it.",
            action=action,
            roles=format_list(env, [env._(ROLE_LABELS[role]) for role in sorted(roles)], style="or"),
        )
    )


def refusal_for_state(record, spec, state):
    """The refusal of a record in a state the step does not start from."""
    env = record.env
    state_field = getattr(record, "_mentoring_state_field", "state")
    labels = dict(record._fields[state_field]._description_selection(env))
    wrong_states = spec.wrong_states or {}
    message = wrong_states.get(state, wrong_states.get(ANY_STATE))
    values = {
        "record": record.display_name,
        "name": record.display_name,
        "state": labels.get(state, state),
        "target": labels.get(spec.target, spec.target),
        "action": env._(spec.action),
    }
    refusal = getattr(record, "_mentoring_state_refusal", UserError)
    if message:
        # the lazy message is the msgid; its values come once it is translated
        translated = env._(message)
        return refusal(translated % values)
    return refusal(env._("%(record)s is %(state)s: you cannot %(action)s.", **values))


def _refused_by(record, spec, roles):
    """Why the current user may not take ``spec`` on ``record`` by role or
    state: a function that makes the refusal, or None. Only a refusal that is
    raised gets its message (a can_* boolean needs no words)."""
    env = record.env
    record_roles = roles.get(record.id, set()) if not env.su else set()
    anyone = frozenset().union(*spec.rules.values())
    if not env.su and not record_roles & anyone:
        return lambda: refusal_for_role(env, spec, anyone)
    state = record[getattr(record, "_mentoring_state_field", "state")]
    allowed = spec.rules.get(state, spec.rules.get(ANY_STATE))
    if allowed is None:
        return lambda: refusal_for_state(record, spec, state)
    if not env.su and not record_roles & allowed:
        return lambda: refusal_for_role(env, spec, allowed)
    return None


def check_step(records, name, roles=None):
    """Raise the refusal of the current user taking step ``name`` on any of
    ``records``: AccessError for a role that may not take it, UserError for
    a record in a state it does not start from, then the model's own
    conditions. The superuser is checked on the states and conditions only.
    ``roles``: the result of ``records._mentoring_roles()`` when the caller
    has it."""
    spec = records._mentoring_steps[name]
    if roles is None and not records.env.su:
        roles = records._mentoring_roles()
    has_conditions = hasattr(records, "_mentoring_check_step")
    for record in records:
        refused = _refused_by(record, spec, roles or {})
        if refused:
            raise refused()
        if has_conditions:
            record._mentoring_check_step(name, roles.get(record.id, set()) if roles else set())


def allowed_steps(records, names, roles=None):
    """{step name: {record id: whether check_step passes}}: what the
    ``can_*`` booleans show. The roles are computed once for all."""
    if roles is None and not records.env.su:
        roles = records._mentoring_roles()
    result = {}
    for name in names:
        spec = records._mentoring_steps[name]
        result[name] = {}
        for record in records:
            if _refused_by(record, spec, roles or {}):
                result[name][record.id] = False
                continue
            try:
                check_step(record, name, roles)
            except REFUSALS:
                result[name][record.id] = False
            else:
                result[name][record.id] = True
    return result


def set_can(records, fname, name):
    """Set the ``can_*`` boolean ``fname`` of ``records`` to whether step
    ``name`` passes for the user (allowed_steps): the button shows exactly
    when pressing it would succeed."""
    allowed = allowed_steps(records, [name])[name]
    for record in records:
        record[fname] = allowed[record.id]


def take_step(records, name, vals=None):
    """Check step ``name`` on ``records``, then write its state (and ``vals``)."""
    check_step(records, name)
    target = records._mentoring_steps[name].target
    state_field = getattr(records, "_mentoring_state_field", "state")
    vals = {**({state_field: target} if target else {}), **(vals or {})}
    if vals:
        records.write(vals)
    return True
