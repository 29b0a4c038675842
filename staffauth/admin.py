"""
The sign-in log (superusers only, read-only), and staff's authenticators: a
superuser sees who set one up and may delete one (a lost phone), which sends
that person through set-up again at their next sign-in. Neither secrets nor
recovery codes are ever shown, unlike django-otp's own device admins.
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.admin_site import SuperuserOnlyAdmin
from staffauth.models import Authenticator, RecoveryCodes, SignInEvent

# Listed under "Staff sign-in" instead (proxies below), without their secrets.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(SignInEvent)
class SignInEventAdmin(SuperuserOnlyAdmin):
    """Append-only: nobody adds, changes or deletes entries."""

    list_display = ["at", "username", "what", "ip_address", "detail"]
    list_filter = ["what", ("at", admin.DateFieldListFilter)]
    search_fields = ["username"]
    date_hierarchy = "at"
    show_full_result_count = False


class DeviceAdmin(SuperuserOnlyAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Authenticator)
class AuthenticatorAdmin(DeviceAdmin):
    pass


@admin.register(RecoveryCodes)
class RecoveryCodesAdmin(DeviceAdmin):
    pass
