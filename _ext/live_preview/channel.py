"""One JSON message a line over a Unix socket: between the server and the warm process, and
between the warm process and its build children."""

from __future__ import annotations

import json
import socket
from typing import Any


class Channel:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._reader = sock.makefile("r", encoding="utf-8", newline="\n")

    @classmethod
    def pair(cls) -> tuple[Channel, Channel]:
        one, other = socket.socketpair()
        return cls(one), cls(other)

    def fileno(self) -> int:
        return self.sock.fileno()

    def send(self, message: dict[str, Any]) -> None:
        self.sock.sendall(json.dumps(message).encode("utf-8") + b"\n")

    def recv(self) -> dict[str, Any] | None:
        """The next message, or None once the other end has closed."""
        try:
            line = self._reader.readline()
        except OSError:
            return None
        if not line:
            return None
        message = json.loads(line)
        assert isinstance(message, dict)
        return message

    def close(self) -> None:
        self._reader.close()
        self.sock.close()
