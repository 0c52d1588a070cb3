"""Check the translations of i18n/ against the template i18n/hr_mentoring.pot.

Every i18n/*.po must translate every msgid of the .pot: no msgid missing, no
empty msgstr, no fuzzy entry, the same placeholders as the msgid (%(name)s, %s,
{{ ... }}, ${...}) and the same markup (tags and their attributes, the
translatable attributes such as title= left out). Exit status 1 on any problem,
with the file and the msgids concerned; run by `make lint`.

Usage: check_po.py [I18N_DIR]   (default: the repository's i18n/)
"""

import re
import sys
from collections import Counter
from pathlib import Path

import polib

POT_NAME = "hr_mentoring.pot"
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%[sdifr]|\{\{.*?\}\}|\$\{.*?\}", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# attributes whose value is text for the reader: a translation changes them
TRANSLATABLE_ATTRIBUTE = re.compile(
    r"""\s(?:title|alt|placeholder|aria-label|string|help|confirm|data-tooltip)=("[^"]*"|'[^']*')"""
)
SHOWN = 10  # msgids listed per problem and file


def _markup(text):
    return [TRANSLATABLE_ATTRIBUTE.sub("", tag) for tag in TAG.findall(text)]


def _short(msgid):
    one_line = " ".join(msgid.split())
    return repr(one_line if len(one_line) <= 90 else one_line[:87] + "...")


def check_po(po_path, pot_msgids):
    """The problems of one .po file: {problem: [msgid, ...]}."""
    try:
        po = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        return {f"cannot be read ({error})": []}
    entries = {entry.msgid: entry for entry in po if not entry.obsolete}
    problems = {}

    def add(problem, msgid):
        problems.setdefault(problem, []).append(msgid)

    for msgid in pot_msgids:
        entry = entries.get(msgid)
        if entry is None:
            add("misses msgids of the .pot", msgid)
        elif "fuzzy" in entry.flags:
            add("has fuzzy entries", msgid)
        elif not entry.msgstr.strip():
            add("has empty msgstr", msgid)
        else:
            if Counter(PLACEHOLDER.findall(msgid)) != Counter(PLACEHOLDER.findall(entry.msgstr)):
                add("changes the placeholders of msgids", msgid)
            if _markup(msgid) != _markup(entry.msgstr):
                add("changes the markup (tags, attributes) of msgids", msgid)
    return problems


def main(argv):
    i18n = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "i18n"
    pot_path = i18n / POT_NAME
    if not pot_path.is_file():
        print(f"check_po: no template {pot_path}", file=sys.stderr)
        return 1
    pot_msgids = [entry.msgid for entry in polib.pofile(str(pot_path)) if entry.msgid and not entry.obsolete]
    po_paths = sorted(i18n.glob("*.po"))
    failed = False
    for po_path in po_paths:
        problems = check_po(po_path, pot_msgids)
        name = po_path.relative_to(i18n.parent) if i18n.parent in po_path.parents else po_path
        if not problems:
            print(f"check_po: {name}: {len(pot_msgids)}/{len(pot_msgids)} msgids translated")
            continue
        failed = True
        for problem, msgids in problems.items():
            print(f"check_po: {name} {problem} ({len(msgids)}):", file=sys.stderr)
            for msgid in msgids[:SHOWN]:
                print(f"    {_short(msgid)}", file=sys.stderr)
            if len(msgids) > SHOWN:
                print(f"    ... and {len(msgids) - SHOWN} more", file=sys.stderr)
    if not po_paths:
        print("check_po: no .po file in i18n/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
