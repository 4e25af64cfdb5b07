"""The JSON API, mounted at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

from strideback.api import errors
from strideback.api.auth import USER_AUTH
from strideback.api.routers import (
    clinician,
    journal,
    loads,
    me,
    programmes,
    questionnaires,
    reminders,
    tokens,
    watch,
)

DESCRIPTION = """\
Everything the runner's and the clinician's pages do, as JSON.

**Authentication.** Either the page session (cookie; unsafe methods need the `X-CSRFToken`
header) or a personal API token from `/settings/tokens`: `Authorization: Bearer sb_...`.
An unknown or revoked token is a 401. Clinician endpoints also need a second factor: a session
that passed the authenticator-app check, or - for a token, which cannot carry one - a clinician
who has a confirmed TOTP device. Tokens are created from a logged-in session only (the page or
`POST /api/v1/tokens` with the session), so a leaked token cannot mint more; the secret is
shown once and only its SHA-256 is stored.

**Errors** are JSON: `{"errors": [{"field": "pain.during", "message": "must be at most 10"}]}`
with 422 (invalid input), 400 (not JSON), 401, 403, 404 (also for what is not yours) or 409.
"""

api = NinjaAPI(
    title="Strideback API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=USER_AUTH,
)
errors.install(api)
api.add_router("/programmes", programmes.router)
api.add_router("/questionnaires", questionnaires.public)
api.add_router("/me/questionnaires", questionnaires.mine)
api.add_router("/me/loads", loads.router)
api.add_router("/me", me.router)
api.add_router("/journal/import", watch.router)
api.add_router("/me/reminders", reminders.router)
api.add_router("/journal", journal.router)
api.add_router("/clinician", clinician.router)
api.add_router("/tokens", tokens.router)

# Included by module from web/urls.py, so the module's app_name is the namespace ninja reverses.
urlpatterns = api.urls[0]
app_name = api.urls[2]
