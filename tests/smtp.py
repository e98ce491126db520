"""A real SMTP server for the mail tests (aiosmtpd, on a free port of 127.0.0.1) that greylists:
it refuses a message's recipient the first ``refusals`` times it is offered, then takes it."""

import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GreylistingServer:
    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.offers = 0  # every time a client offered a recipient, refused or taken
        self.received = []  # the messages taken, parsed
        self._lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self._lock:
            self.offers += 1
            if self.offers <= self.refusals:
                return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def settings(self) -> dict:
        """The app settings that send mail here."""
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_USE_TLS": False}

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._controller.stop()


def sent_ids(outbox) -> set[str]:
    """The Message-IDs in the outbox now, to tell later messages from earlier ones (the folder's
    order follows the clock, which tests move)."""
    return {message["Message-ID"] for message in outbox()}


def new_mail(outbox, before: set[str]) -> list:
    """The messages delivered since ``before`` was taken with sent_ids."""
    return [message for message in outbox() if message["Message-ID"] not in before]
