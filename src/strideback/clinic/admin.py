"""Admin: a staff user makes a clinician by setting a user's role to "clinician" (accounts) and
filling in the clinic profile here."""

from django.contrib import admin

from strideback.clinic.models import CareLink, ClinicianProfile


@admin.register(ClinicianProfile)
class ClinicianProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "clinic_name", "clinic_phone")
    search_fields = ("user__email", "clinic_name")
    raw_id_fields = ("user",)


@admin.register(CareLink)
class CareLinkAdmin(admin.ModelAdmin):
    # Who follows whom, without any health data: the journal stays out of the admin.
    list_display = ("clinician", "runner", "status", "created_at", "accepted_at", "stopped_at")
    list_filter = ("status",)
    raw_id_fields = ("clinician", "runner")
    readonly_fields = ("token",)
