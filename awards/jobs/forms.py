"""Job forms: the retry button."""

from flask_wtf import FlaskForm


class RetryForm(FlaskForm):
    """A POST button with nothing but its CSRF token."""
