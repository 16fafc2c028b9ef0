"""``python -m macros``: see macros/cli/main.py."""

import sys

from .cli.main import main

sys.exit(main())
