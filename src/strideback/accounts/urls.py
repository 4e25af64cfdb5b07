from django.urls import path

from strideback.accounts import physio_views, views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("invite/<str:token>", views.invite, name="invite"),
    path("invite/<str:token>/", views.invite),
    path("settings/physio/", physio_views.invite_physio, name="invite_physio"),
]
