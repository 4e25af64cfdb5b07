"""URL map. Each part of the app owns its own urls module; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

from strideback.accounts.ratelimit import throttled_login
from strideback.web import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language", views.set_language, name="set_language"),
    # The admin's login shares the login throttle (its form names the e-mail "username").
    path("admin/login/", throttled_login("username")(admin.site.login)),
    path("admin/", admin.site.urls),
    path("", include("strideback.training.pwa_urls")),  # manifest, service worker (root scope)
    path("play/", include("strideback.training.player_urls")),  # the session player
    path("exercises/", include("strideback.training.exercise_urls")),  # library and figures
    path("programmes/", include("strideback.training.programme_urls")),  # library programmes
    path("api/v1/", include("strideback.api.urls")),  # the JSON API (django-ninja)
    path("clinic/", include("strideback.clinic.urls")),  # the physiotherapist's workspace
    path("", include("strideback.api.page_urls")),  # personal API tokens (settings/tokens)
    path("", include("strideback.accounts.urls")),  # sign up, log in, reset, log out
    path("", include("strideback.training.urls")),  # today, onboarding, calendar, progress, ...
    path("", views.home, name="home"),
]
