"""``python -m awesome_parse``: the command line."""

import sys

from .cli import main

sys.exit(main())
