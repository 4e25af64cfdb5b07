"""The site's URLconf plus the tokens page, until web/urls.py mounts ``api.page_urls``."""

from django.urls import include, path

from strideback.web.urls import urlpatterns as site

MOUNTED = any(getattr(p, "urlconf_name", None) == "strideback.api.page_urls" for p in site)
urlpatterns = list(site) if MOUNTED else [path("", include("strideback.api.page_urls")), *site]
