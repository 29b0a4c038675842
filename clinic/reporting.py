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
        meta = super().get_safe_request_meta(request)
        if "QUERY_STRING" in meta:
            meta["QUERY_STRING"] = self.cleansed_substitute  # admin searches
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class PrivateExceptionReporter(ExceptionReporter):
    """Leaves query strings (admin searches for names, phones) out of reports."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            substitute = self.filter.cleansed_substitute
            data["request_GET_items"] = [(key, substitute) for key in self.request.GET]
            data["request_insecure_uri"] = self.request.build_absolute_uri(
                self.request.path
            )
        return data
