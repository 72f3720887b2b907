"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), which a test stops and starts to
play a mail server that is down and comes back."""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collect:
    def __init__(self, envelopes):
        self.envelopes = envelopes

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class MailServer:
    """Down until `start()`. `envelopes` holds every message it accepted, in order."""

    def __init__(self):
        self.port = _free_port()
        self.envelopes = []
        self._controller = None

    def start(self) -> None:
        self._controller = Controller(
            _Collect(self.envelopes), hostname="127.0.0.1", port=self.port
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        """The accepted messages, their headers decoded and unfolded."""
        return [
            message_from_bytes(envelope.content, policy=policy.default)
            for envelope in self.envelopes
        ]

    def recipients(self) -> list[str]:
        """Every address the server was asked to deliver to, once for each message."""
        return [address for envelope in self.envelopes for address in envelope.rcpt_tos]
