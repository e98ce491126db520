"""Job forms: the retry button."""

from awards.forms import AppForm


class RetryForm(AppForm):
    """A POST button with nothing but its CSRF token."""
