import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, naming the address."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPResponseException(550, b"<patient@example.test> unknown")


class Killed(BaseException):
    """What a worker killed with SIGKILL amounts to: nothing after it runs."""


class DyingBackend(BaseEmailBackend):
    """Delivers e-mails, and the worker dies right after delivering the third."""

    delivered = []

    def send_messages(self, email_messages):
        for message in email_messages:
            type(self).delivered.append(message.subject)
            if len(type(self).delivered) == 3:
                raise Killed
        return len(email_messages)
