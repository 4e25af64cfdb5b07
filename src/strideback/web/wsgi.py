"""The WSGI application, as the server (granian) loads it in each worker process."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
application = get_wsgi_application()


def _warm() -> None:
    """Load what every request needs now, not in the first request: the programme library
    and the URL map. Then move everything loaded so far out of the garbage collector's sight
    (``gc.freeze``): these objects live as long as the process, and scanning them again and
    again made the slowest requests slower."""
    from django.urls import get_resolver

    from strideback.core.content.library import default_library

    default_library()
    get_resolver().url_patterns  # noqa: B018 - imports every urls module
    gc.collect()
    gc.freeze()


_warm()
