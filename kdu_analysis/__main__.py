import sys

from kdu_analysis.cli import main

sys.exit(main())
