"""A local test site: a real HTTP server on 127.0.0.1 for many made-up hosts.

``root/<host>/<path>`` is served for ``http://<host>:<port>/<path>``, chosen by the Host
header (as any web server's virtual hosts are); the fetcher is pointed at it by pinning
each host name to 127.0.0.1 (``WIREHOUSE_FETCH_RESOLVE``). Used by the tests and by
``make crawl-bench``.

Static files get an ETag (a hash of their bytes) and a Last-Modified; a conditional request
that matches is answered 304, as a well-kept news site does. Every request is logged.
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=windows-1252",  # to test that a header's charset is honoured
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Hit:
    host: str
    path: str
    status: int
    conditional: bool
    at: float  # time.monotonic() when it was answered


class SiteServer:
    """Serve a folder of hosts; use as a context manager."""

    def __init__(self, root: Path, *, validators: bool = True) -> None:
        self.root = root.resolve()
        self.validators = validators
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass  # the hits list is the log

            def do_GET(self) -> None:
                server._answer(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that hangs up early is not the server's failure

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, host: str, path: str = "") -> str:
        return f"http://{host}:{self.port}/{path.lstrip('/')}"

    def statuses(self, *, pages_only: bool = True) -> Counter[int]:
        """How many requests got each status (robots.txt left out unless asked)."""
        with self._lock:
            return Counter(h.status for h in self.hits if not pages_only or h.path != "/robots.txt")

    def reset(self) -> None:
        with self._lock:
            self.hits.clear()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        host = (handler.headers.get("Host") or "").rsplit(":", 1)[0].lower()
        path = unquote(urlsplit(handler.path).path)
        target = (self.root / host / path.lstrip("/")).resolve()
        if path.endswith("/"):
            target = target / "index.html"
        conditional = bool(
            handler.headers.get("If-None-Match") or handler.headers.get("If-Modified-Since")
        )
        if not host or not target.is_relative_to(self.root / host) or not target.is_file():
            self._send(handler, host, path, 404, b"not found", {"Content-Type": "text/plain"})
            return
        body = target.read_bytes()
        headers = {"Content-Type": _TYPES.get(target.suffix, "application/octet-stream")}
        if self.validators:
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
            if handler.headers.get("If-None-Match") == etag:
                self._send(handler, host, path, 304, b"", headers, conditional)
                return
        self._send(handler, host, path, 200, body, headers, conditional)

    def _send(
        self,
        handler: BaseHTTPRequestHandler,
        host: str,
        path: str,
        status: int,
        body: bytes,
        headers: dict[str, str],
        conditional: bool = False,
    ) -> None:
        with self._lock:
            self.hits.append(Hit(host, path, status, conditional, time.monotonic()))
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)) if status != 304 else "0")
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)
