"""The installable app: manifest and service worker, served from the root so the worker's
scope is the whole site."""

from django.urls import path

from strideback.training import pwa

urlpatterns = [
    path("manifest.webmanifest", pwa.manifest, name="pwa_manifest"),
    path("sw.js", pwa.service_worker, name="pwa_service_worker"),
]
