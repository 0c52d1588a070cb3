"""What the module writes for people to read: in the reader's language, and
lists logged on a chatter."""

from markupsafe import Markup


def in_lang_of(records, user):
    """``records`` in the language of ``user``, who reads what is written for
    them: the scheduled actions run in the cron user's language, their
    messages and activities are for someone else."""
    return records.with_context(lang=user.lang or records.env.lang)


def log_list(record, title, lines):
    """Log on ``record``'s chatter (a note that notifies nobody) ``title``
    over the bulleted ``lines`` (texts already translated)."""
    items = Markup("").join(Markup("<li>%s</li>") % line for line in lines)
    record._message_log(body=Markup("<p>%s</p><ul>%s</ul>") % (title, items))
