from rest_framework.renderers import BrowsableAPIRenderer


class ArchiveBrowsableAPIRenderer(BrowsableAPIRenderer):
    """The browsable API without its filter dialog, whose button DRF styles inline
    (the Content-Security-Policy forbids that); the filters are in the schema and docs."""

    def get_filter_form(self, data, view, request):
        return None
