"""18.0.3.0.2: bring a database of 18.0.3.0.1 (or older) to what this version assumes.

- a mentor reads the regulations acknowledgement of a mentee without a user
  account only in the programmes where they mentor that mentee (a pairing
  proposed, active or done), as the button that records it on the mentee's
  behalf already required. The record rule is ``noupdate``: its domain
  becomes this version's where it is still the one the module wrote (an
  administrator's own domain is kept).
- the integration checks' mentor gets the index the other parts of a pairing
  have (hr.mentoring.pairing.part.mixin): the update creates it. Nothing to do
  here for it.
"""

import re

from openupgradelib import openupgrade

# the rule's domain as 18.0.3.0.0 wrote it: the mentee's pairings of any programme
OLD_DOMAIN = """[
                ('user_id', '=', False),
                ('role', '=', 'mentee'),
                ('employee_id.mentee_pairing_ids.mentor_id.user_id', '=', user.id),
            ]"""
NEW_DOMAIN = """[
                ('user_id', '=', False),
                ('role', '=', 'mentee'),
                ('is_my_mentee', '=', True),
            ]"""
NEW_NAME = (
    "Acknowledgements: mentors read those of their mentees without a user account, in the programmes they "
    "mentor them in (they record them)"
)


def unspaced(domain):
    return re.sub(r"\s+", "", domain or "")


@openupgrade.migrate()
def migrate(env, version):
    if not version:
        return
    rule = env.ref("hr_mentoring.acknowledgement_rule_mentor_proxy", raise_if_not_found=False)
    # the whole domain, white space aside: a domain an administrator changed in any way is theirs
    if rule and unspaced(rule.domain_force) == unspaced(OLD_DOMAIN):
        rule.write({"name": NEW_NAME, "domain_force": NEW_DOMAIN})
