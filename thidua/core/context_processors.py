from django.conf import settings


def site(request):
    return {"DEMO_MODE": getattr(settings, "DEMO_MODE", True), "DEBUG": settings.DEBUG}
