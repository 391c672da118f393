"""``python -m gridmap``: the commands that need no Qt (see ``gridmap.cli``);
the window, ``print`` and ``bench`` are in the installed ``gridmap`` command."""

import sys

from gridmap.cli import main

sys.exit(main())
