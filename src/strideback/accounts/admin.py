from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from strideback.accounts.models import CareLink, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "name", "role", "is_staff", "date_joined")
    list_filter = ("role", "is_staff", "is_active")
    search_fields = ("email", "name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("name", "role", "language")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(CareLink)
class CareLinkAdmin(admin.ModelAdmin):
    # Who follows whom, without any health data: the journal stays out of the admin.
    list_display = ("clinician", "runner", "status", "created_at", "accepted_at", "stopped_at")
    list_filter = ("status",)
    raw_id_fields = ("clinician", "runner")
    readonly_fields = ("token",)
