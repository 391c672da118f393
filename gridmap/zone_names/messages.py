"""What a refused zone name or serial naming says, in English with named blanks.

The window shows them translated (tools/translations.sh feeds this file to
lupdate); the command line and the logs print them as they are.
"""

from __future__ import annotations

from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "ZoneNames"
REFUSALS: dict[str, str] = {
    "no_zone": QT_TRANSLATE_NOOP("ZoneNames", "there is no zone {zone}"),
    "empty": QT_TRANSLATE_NOOP("ZoneNames", "a zone needs a name"),
    "control": QT_TRANSLATE_NOOP(
        "ZoneNames", "a zone name cannot hold a line break, a tab or another control character"),
    "invisible": QT_TRANSLATE_NOOP(
        "ZoneNames", "a zone name cannot hold a character that prints as nothing ({code}, often pasted along "
        "with a name): type the name instead"),
    "long": QT_TRANSLATE_NOOP("ZoneNames", "a zone name holds at most {most} characters; this one has {length}"),
    "taken": QT_TRANSLATE_NOOP(
        "ZoneNames", "{parent} already holds a zone named {name}: zones under one parent need different names"),
    "taken_top": QT_TRANSLATE_NOOP("ZoneNames", "there is already a top zone named {name}"),
    "no_children": QT_TRANSLATE_NOOP("ZoneNames", "{zone} holds no zones to name"),
    "too_many": QT_TRANSLATE_NOOP(
        "ZoneNames", "{zone} holds {count} zones: more than its {width}-digit serials can number"),
}
