from django.contrib import admin
from django.urls import path

from strideback.web import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
]
