from rest_framework import throttling
from rest_framework.settings import api_settings


class AnonRateThrottle(throttling.AnonRateThrottle):
    """DRF's anonymous throttle, with the rate read from settings on every request.

    DRF's own class copies the rates once, at import; reading them late lets a
    changed setting (a test's, for one) take effect.
    """

    def get_rate(self):
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()
