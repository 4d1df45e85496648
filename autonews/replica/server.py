"""Serve a ReplicaSite over HTTP on localhost (the offline stand-in for www.qi-che.com)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .families import DEFAULT_FAMILY
from .site import ReplicaSite


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A crawl opens many connections at once; the default backlog of 5 drops some.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], site: ReplicaSite, log: list[str]) -> None:
        super().__init__(address, _Handler)
        self.site = site
        self.log = log
        self.log_lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 keep-alive: Scrapy reuses connections, so the replica is not the bottleneck.
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, a keep-alive client's delayed
    # ACK stalls every response by ~40 ms.
    disable_nagle_algorithm = True
    server: _Server
    server_version = "qiche-replica/1.0"

    def _respond(self, with_body: bool) -> None:
        with self.server.log_lock:
            self.server.log.append(self.path)
        # The Host header lets robots.txt, sitemaps and feeds name this server's own address.
        response = self.server.site.get(self.path, host=self.headers.get("Host"))
        if response is None:  # get() answers every path; guard anyway
            self.send_error(404)
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def do_GET(self) -> None:  # noqa: N802 (name fixed by BaseHTTPRequestHandler)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: no per-request stderr lines (a benchmark makes tens of thousands)."""


class ReplicaServer:
    """Context manager running ``site`` on 127.0.0.1 in a daemon thread.

    ``requests`` lists every requested path (with query) in arrival order, so tests can
    assert that a page was fetched once or that robots.txt was obeyed.
    """

    def __init__(self, site: ReplicaSite, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        self.host = host
        self.port = port
        self.requests: list[str] = []
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ReplicaServer:
        self._httpd = _Server((self.host, self.port), self.site, self.requests)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="qiche-replica", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def serve_forever(port: int, articles: int, family: str = DEFAULT_FAMILY) -> None:
    """Run the replica until Ctrl-C (the ``autonews replica`` command)."""
    server = ReplicaServer(ReplicaSite(articles=articles, family=family), port=port).start()
    print(
        f"offline replica of qi-che.com ({articles} generated articles, family {family}) at {server.base_url}",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
