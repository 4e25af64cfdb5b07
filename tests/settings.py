"""Settings for the test suite: the real settings, with a throw-away data folder and key."""

import os
import tempfile

os.environ.setdefault("STRIDEBACK_DATA_DIR", tempfile.mkdtemp(prefix="strideback-test-"))
os.environ.setdefault("STRIDEBACK_SECRET_KEY", "test-only-key-" + "x" * 40)

from strideback.web.settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise wants it to exist
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file in WAL mode, as in production (not a shared-cache in-memory database, whose
    # locking differs): the live-server browser tests then see what a runner would.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405

# Argon2 is deliberately slow; tests create many users. test_settings checks production uses it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
