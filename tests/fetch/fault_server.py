"""A real HTTP server on 127.0.0.1 for tests: pages, sites and faults.

Start it as a context manager; it serves, in this order of precedence,

1. ``hook(request)``: a per-request function that may answer (return a :class:`Reply`) or
   pass (return None): faults that depend on the request count, killing a run mid-fetch...
2. ``routes``: path (with or without its query) → a :class:`Reply` or a function of the
   :class:`Request` returning one;
3. ``root``: a folder of ``<host>/<path>`` files, the host taken from the Host header (so one
   server plays many sites when the client pins their names to 127.0.0.1); ``/`` and paths
   ending in ``/`` serve ``index.html``;

and 404 otherwise. ``tls`` (a server-side SSLContext) makes it speak https. Every request is
recorded (:attr:`FaultServer.requests`), and so is the most requests in flight at once per
Host (:meth:`FaultServer.max_in_flight`).

>>> with FaultServer({"/": Reply(body=b"<p>hi")}) as server:
...     import httpx
...     httpx.get(server.url("/"), trust_env=False).text
'<p>hi'
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import mimetypes
import ssl
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str  # with its query
    host: str  # the Host header, without the port
    headers: Mapping[str, str]  # lower-case names
    started: float  # time.monotonic() when it arrived


@dataclass(frozen=True)
class Reply:
    """What to answer.

    ``body`` is bytes or an iterable of chunks (written as they come, ``interval`` seconds
    apart). ``content_length`` is sent as given; by default it is the length of a bytes body,
    and a chunked iterable is sent with ``Connection: close`` and no length. ``delay`` holds
    the status line back. A body shorter than ``content_length`` leaves the client waiting
    for bytes that never come, so the connection is closed after it.
    """

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: Mapping[str, str] = field(
        default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"}
    )
    content_length: int | None = -1  # -1: from the body when it is bytes; None: none sent
    delay: float = 0.0
    interval: float = 0.0


Handler = Callable[[Request], Reply]
Hook = Callable[[Request], Reply | None]


def html(text: str, *, charset: str | None = "utf-8", **headers: str) -> Reply:
    """An HTML page; ``charset=None`` sends a Content-Type without one."""
    content_type = "text/html" + (f"; charset={charset}" if charset else "")
    body = text.encode(charset or "utf-8")
    return Reply(body=body, headers={"Content-Type": content_type, **headers})


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


def status(code: int, **headers: str) -> Reply:
    return Reply(status=code, body=f"status {code}".encode(), headers=headers)


def sequence(*replies: Reply) -> Handler:
    """Answer each reply in turn, then the last one for ever (a 500 then a page...)."""
    turns = itertools.chain(replies, itertools.repeat(replies[-1]))
    lock = threading.Lock()

    def handler(_request: Request) -> Reply:
        with lock:
            return next(turns)

    return handler


def conditional(
    reply: Reply, *, etag: str | None = None, last_modified: str | None = None
) -> Handler:
    """``reply`` with validators, and a 304 to a request that sends them back."""
    validators = {"ETag": etag, "Last-Modified": last_modified}
    full = Reply(
        status=reply.status,
        body=reply.body,
        headers={**reply.headers, **{k: v for k, v in validators.items() if v}},
    )

    def handler(request: Request) -> Reply:
        if etag is not None and request.headers.get("if-none-match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        if last_modified is not None and request.headers.get("if-modified-since") == last_modified:
            return Reply(status=304, headers={"Last-Modified": last_modified})
        return full

    return handler


def zeros(total: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """``total`` zero bytes in chunks, never all in memory."""
    sent = 0
    while sent < total:
        size = min(chunk, total - sent)
        yield bytes(size)
        sent += size


def gzip_bomb(decompressed: int = 10 * 1024 * 1024) -> Reply:
    """An HTML page that inflates from about 1/1000 of its size to ``decompressed`` bytes."""
    body = gzip.compress(bytes(decompressed), compresslevel=9)
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    return Reply(body=body, headers=headers)


def big_page(size: int, *, with_length: bool = True) -> Reply:
    """A ``size``-byte HTML page, streamed, with or without a Content-Length."""
    return Reply(
        body=zeros(size),
        headers={"Content-Type": "text/html"},
        content_length=size if with_length else None,
    )


def truncated(body: bytes, declared: int) -> Reply:
    """A body that stops before the Content-Length it announced, then the connection closes."""
    return Reply(body=body, content_length=declared)


def dribble(body: bytes, interval: float) -> Reply:
    """One byte every ``interval`` seconds."""
    return Reply(
        body=(body[i : i + 1] for i in range(len(body))),
        content_length=len(body),
        interval=interval,
    )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read :attr:`FaultServer.requests` instead."""

    def do_GET(self) -> None:
        owner = self.server.owner
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
        request = Request(
            method=self.command,
            path=self.path,
            host=host,
            headers={name.lower(): value for name, value in self.headers.items()},
            started=time.monotonic(),
        )
        owner._arrive(request)
        left = False

        def leave() -> None:
            nonlocal left
            if not left:
                left = True
                owner._leave(request)

        try:
            self._send(owner._reply(request), leave)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client gave up, as it should
        finally:
            leave()

    def _send(self, reply: Reply, leave: Callable[[], None]) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        # Counted out before the client can have the whole reply: counted after it, a client
        # that sends its next request at once could be counted twice on a busy machine.
        leave()
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        length = reply.content_length
        if length == -1:
            length = len(reply.body) if isinstance(reply.body, bytes) else None
        if length is None:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        if reply.status in (204, 304) or self.command == "HEAD":
            return
        chunks: Iterable[bytes] = [reply.body] if isinstance(reply.body, bytes) else reply.body
        sent = 0
        for number, chunk in enumerate(chunks):
            if number and reply.interval:
                time.sleep(reply.interval)
            self.wfile.write(chunk)
            self.wfile.flush()
            sent += len(chunk)
        if length is not None and sent < length:
            self.close_connection = True  # a truncated body: the client sees the close


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a dribbling handler must not hold up the test's end
    owner: FaultServer

    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up mid-reply is what many of the faults are for: not news.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError | ssl.SSLError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class FaultServer:
    """A ThreadingHTTPServer on 127.0.0.1 in a thread (see the module docstring)."""

    def __init__(
        self,
        routes: Mapping[str, Reply | Handler] | None = None,
        *,
        root: Path | None = None,
        hook: Hook | None = None,
        tls: ssl.SSLContext | None = None,
        port: int = 0,
    ) -> None:
        self.routes: dict[str, Reply | Handler] = dict(routes or {})
        self.root = root
        self.hook = hook
        self.tls = tls
        self._port = port  # 0: any free port
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._in_flight: Counter[str] = Counter()
        self._max_in_flight: Counter[str] = Counter()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> FaultServer:
        self._server = _Server(("127.0.0.1", self._port), _Handler)
        self._server.owner = self
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        assert self._server is not None, "FaultServer is not started"
        return int(self._server.server_address[1])

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        """The URL of ``path`` on this server, under ``host`` (pin it to 127.0.0.1)."""
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        with self._lock:
            return [r.path for r in self.requests]

    def hits(self, path: str) -> list[Request]:
        """The requests for ``path`` so far."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def max_in_flight(self, host: str = "127.0.0.1") -> int:
        """The most requests for ``host`` this server was answering at once (from arrival
        to the start of the reply, which is where a ``delay`` is spent)."""
        with self._lock:
            return self._max_in_flight[host]

    def _arrive(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)
            self._in_flight[request.host] += 1
            self._max_in_flight[request.host] = max(
                self._max_in_flight[request.host], self._in_flight[request.host]
            )

    def _leave(self, request: Request) -> None:
        with self._lock:
            self._in_flight[request.host] -= 1

    def _reply(self, request: Request) -> Reply:
        if self.hook is not None:
            answer = self.hook(request)
            if answer is not None:
                return answer
        path_only = request.path.split("?", 1)[0]
        route = self.routes.get(request.path) or self.routes.get(path_only)
        if route is not None:
            return route if isinstance(route, Reply) else route(request)
        if self.root is not None:
            found = self._file(request.host, path_only)
            if found is not None:
                return found
        return status(404)

    def _file(self, host: str, path: str) -> Reply | None:
        assert self.root is not None
        site = (self.root / host).resolve()
        relative = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
        target = (site / relative).resolve()
        if not target.is_relative_to(site) or not target.is_file():
            return None
        content_type, encoding = mimetypes.guess_type(target.name)
        if encoding == "gzip":  # a gzipped file (a sitemap.xml.gz), not a Content-Encoding
            content_type = "application/gzip"
        content_type = content_type or "application/octet-stream"
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        return Reply(body=target.read_bytes(), headers={"Content-Type": content_type})


def main(argv: list[str] | None = None) -> None:
    """Serve a folder of ``<host>/<path>`` files until interrupted (for runs by hand)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m tests.fetch.fault_server",
        description="Serve ROOT/<host>/<path> on 127.0.0.1; pin the host names to 127.0.0.1 "
        '(WIREHOUSE_FETCH_RESOLVE=\'{"news.test": "127.0.0.1"}\').',
    )
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with FaultServer(root=args.root, port=args.port) as server:
        print(f"serving {args.root} at {server.url('/')}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
