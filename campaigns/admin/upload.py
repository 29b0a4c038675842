from django.http import Http404


def spend_upload_view(request):
    raise Http404
