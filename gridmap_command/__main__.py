"""``python -m gridmap_command``: the ``gridmap`` command without its installed script."""

import sys

from gridmap_command import main

sys.exit(main())
