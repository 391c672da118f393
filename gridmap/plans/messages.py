"""What a colour plan says beside its rooms, in English with named blanks.

The window and the printed charts show them translated (tools/translations.sh
feeds this file to lupdate, as it does the roster's messages).
"""

from __future__ import annotations

from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

# under a plan whose building holds an absurd floor count or room number (see gridmap.plans.layout)
CAPPED = QT_TRANSLATE_NOOP("Plan", "Floors and rooms beyond sane limits are not drawn ({hidden} households not shown)")
