"""Error reports that never carry what a patient or staff member typed."""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    """
    Hides every POST value and every local variable in error reports (e-mails to
    ADMINS, the debug page), since either may hold health information.
    """

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_safe_request_meta(self, request):
        """The request's headers and server values, with every address cut
        before its query string (admin searches for names and phone numbers):
        QUERY_STRING itself, and the full addresses servers and browsers add
        (gunicorn's RAW_URI, REQUEST_URI, the Referer of the page before)."""
        meta = super().get_safe_request_meta(request)
        for key, value in meta.items():
            if key in ("QUERY_STRING", "HTTP_COOKIE") and value:
                meta[key] = self.cleansed_substitute
            elif isinstance(value, str) and "?" in value:
                meta[key] = value.split("?", 1)[0] + "?" + self.cleansed_substitute
        return meta

    def get_safe_cookies(self, request):
        """Every cookie's value hidden: the attribution cookies hold landing
        addresses and search terms, the session cookie signs a staff member in."""
        if request is None:
            return {}
        return {name: self.cleansed_substitute for name in request.COOKIES}

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class PrivateExceptionReporter(ExceptionReporter):
    """Leaves query strings (admin searches for names, phones) out of reports."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            substitute = self.filter.cleansed_substitute
            data["request_GET_items"] = [(key, substitute) for key in self.request.GET]
            # As Django builds it (never through get_host(), which raises for a
            # foreign Host header and would turn a 400 into a 500), without
            # the query string.
            uri = data.get("request_insecure_uri", "")
            data["request_insecure_uri"] = uri.split("?", 1)[0]
        return data
