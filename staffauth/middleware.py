from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse

from staffauth.services import has_authenticator, second_factor_required


class SecondFactorRequiredMiddleware:
    """
    Sends staff who must pass a second factor (staffauth.services
    .second_factor_required) from every admin page to set one up, or to enter a
    code, until this session is verified. Only signing in and out, and the
    second-factor pages themselves, stay open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visitors without a sign-in (every public page) cost nothing here.
        if (
            settings.STAFF_MFA_REQUIRED
            and request.user.is_authenticated
            and self.guarded(request.path)
            and second_factor_required(request.user)
        ):
            step = "verify" if has_authenticator(request.user) else "setup"
            target = reverse(f"staffauth:{step}")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)

    @staticmethod
    def guarded(path):
        open_paths = (reverse("admin:login"), reverse("admin:logout"))
        return (
            path.startswith(reverse("admin:index"))
            and path not in open_paths
            and not path.startswith(reverse("staffauth:verify"))
        )
