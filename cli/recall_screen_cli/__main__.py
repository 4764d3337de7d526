import sys

from recall_screen_cli.main import main

sys.exit(main())
