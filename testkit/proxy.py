"""A TCP proxy between triage and Dovecot that cuts the connection on purpose.

A cut is chosen before the run: after N bytes from the server, or when the
client sends a command matching a pattern (the command is forwarded, so the
server may complete it, and the connection dies before the reply is read:
the worst moment for a MOVE or an APPEND). The proxy cuts once, then forwards
everything faithfully.

`stall()` is the other failure: a network that goes silent without a FIN or
a reset (a NAT that forgot the connection, a cable pulled somewhere between).
Every connection stays open, old and new, and nothing is forwarded either way
until `resume()`. `Cut()` with no field never cuts.
"""

from __future__ import annotations

import re
import socket
import threading
from dataclasses import dataclass


@dataclass
class Cut:
    server_bytes: int | None = None       # cut once the server has sent this many bytes in all
    command: bytes | None = None          # cut right after forwarding a client line matching this regex
    nth: int = 1                          # ... on its nth occurrence

    def describe(self) -> str:
        if self.command is not None:
            return f"after client command /{self.command.decode()}/ #{self.nth}"
        return f"after {self.server_bytes} server bytes"


class CuttingProxy:
    def __init__(self, target_port: int, cut: Cut) -> None:
        self.target_port = target_port
        self.cut = cut
        self.fired = False
        self._server_bytes = 0
        self._matches = 0
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = False
        self._flowing = threading.Event()
        self._flowing.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def stall(self) -> None:
        """Stop forwarding, silently: sockets stay open, bytes are held (what a dead network looks like)."""
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        pattern = re.compile(self.cut.command, re.I) if self.cut.command else None
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                self._flowing.wait()
                if from_client or self.fired:
                    sink.sendall(data)
                    if from_client and pattern is not None and not self.fired:
                        with self._lock:
                            self._matches += len(pattern.findall(data))
                            hit = self._matches >= self.cut.nth
                        if hit:
                            self._fire()
                            return
                    continue
                budget = self.cut.server_bytes
                with self._lock:
                    before = self._server_bytes
                    self._server_bytes += len(data)
                if budget is not None and not self.fired and before + len(data) >= budget:
                    sink.sendall(data[: max(0, budget - before)])
                    self._fire()
                    return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.close()
                except OSError:
                    pass

    def _fire(self) -> None:
        self.fired = True
        with self._lock:
            sockets = list(self._sockets)
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self._closed = True
        self._flowing.set()
        self._listener.close()
        self._fire()
