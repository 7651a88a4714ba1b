from django.views.generic import DetailView, ListView

from .models import Meeting


class MeetingVisibilityMixin:
    """Public views see published meetings; staff also see drafts, marked and uncached."""

    def get_queryset(self):
        if self.request.user.is_staff:
            return Meeting.objects.all()
        return Meeting.objects.published()


class MeetingListView(MeetingVisibilityMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        return super().get_queryset().select_related("series", "country")


class MeetingDetailView(MeetingVisibilityMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return super().get_queryset().with_record()

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        meeting.prefetch_group_members()
        return meeting

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.object.status != Meeting.Status.PUBLISHED:
            response["Cache-Control"] = "no-cache, no-store, must-revalidate, private"
        return response
