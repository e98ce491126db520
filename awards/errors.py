"""The one exception a user can cause: a broken business rule, with a translated message."""


class DomainError(Exception):
    """A rule of the domain refused the request; ``message`` is already translated.

    ``field`` names the form field the message belongs beside, when there is one; ``fields``
    maps several form fields to their own messages (``message`` then heads the form).
    """

    def __init__(
        self, message: str, *, field: str | None = None, fields: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.fields = fields or {}
