"""The app's own settings, with one more URL: a hello-world JSON view (``bench/api.py``).

The load benchmark serves this with the same server command line and the same middleware as
the app, so "how fast is Today" can be compared with "how fast is the stack itself" in the
same run. Not part of the app.
"""

from strideback.web.settings import *  # noqa: F403

ROOT_URLCONF = "hello_urls"
