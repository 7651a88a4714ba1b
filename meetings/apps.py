from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meeting records"

    def ready(self):
        from . import signals  # noqa: F401  (connects the search-text handlers)
