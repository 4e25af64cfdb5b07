"""The session player, mounted at /play/."""

from django.urls import path

from strideback.training import player

urlpatterns = [
    path("log", player.log, name="player_log"),
    path("offline/", player.offline, name="player_offline"),
    path("<str:day>/<str:kind>/", player.play, name="player"),
]
