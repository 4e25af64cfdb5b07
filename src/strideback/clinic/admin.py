"""Admin: a staff user makes a clinician by setting a user's role to "clinician" (accounts) and
filling in the clinic profile here."""

from django.contrib import admin

from strideback.clinic.models import ClinicianProfile


@admin.register(ClinicianProfile)
class ClinicianProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "clinic_name", "clinic_phone")
    search_fields = ("user__email", "clinic_name")
    raw_id_fields = ("user",)
