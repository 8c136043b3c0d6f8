"""View mixins of the meeting pages (the organisation mixins are in branches/mixins.py)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from . import selectors


class ScopedMeetingMixin(LoginRequiredMixin):
    """Loads `self.meeting` from the URL through the user's scope for `permission`: outside it, 404."""

    permission = "meetings.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.meeting = selectors.meeting_get(user=request.user, pk=kwargs["meeting_pk"], permission=self.permission)
        except selectors.Meeting.DoesNotExist as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)
