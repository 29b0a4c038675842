from django.http import Http404


def campaign_report_view(request):
    raise Http404
