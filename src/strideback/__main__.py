import sys

from strideback.cli import main

sys.exit(main())
