"""The one exception a user can cause: a broken business rule, with a translated message; and
the collector a service uses to refuse once, naming every broken rule."""

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _


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


class FieldErrors:
    """Every rule a request breaks, gathered so that a service refuses once and the form shows
    each message beside its field in the first round, instead of one per attempt."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.messages: list[str] = []

    def run(self, rule: Callable[..., Any], *args, **kwargs) -> Any:
        """``rule(*args, **kwargs)``, or None once its DomainError is noted."""
        try:
            return rule(*args, **kwargs)
        except DomainError as error:
            self.add(error)
            return None

    def add(self, error: DomainError) -> None:
        if error.fields:
            for name, message in error.fields.items():
                self.fields.setdefault(name, message)
        elif error.field:
            self.fields.setdefault(error.field, error.message)
        else:
            self.messages.append(error.message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.messages)

    def raise_any(self) -> None:
        """Refuse with what was found: a single problem as it was raised, several as one
        DomainError with a message per field (and the others heading the form)."""
        if not self:
            return
        if not self.messages and len(self.fields) == 1:
            [(name, message)] = self.fields.items()
            raise DomainError(message, field=name)
        if not self.fields and len(self.messages) == 1:
            raise DomainError(self.messages[0])
        heading = " ".join(self.messages) or _("Correct the fields marked below.")
        raise DomainError(heading, fields=dict(self.fields))
