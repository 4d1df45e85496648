"""A misbehaving copy of the site for crawl tests: every page is a trap.

The home page links one channel, ``/chaos/``, whose listing links one article
per trap.  Articles follow the replica's v1 markup; ``GOOD`` pages are plain.
"""

from __future__ import annotations

import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"


def article_html(title: str, body: str, *, time_text: str = "2024-11-20 10:00", related: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_汽车行业关注_老虎车网</title></head><body>"
        f"<div class='article'><h1 class='article-title'>{title}</h1>"
        f"<div class='article-info'><span class='time'>{time_text}</span><span class='source'>来源:测试</span></div>"
        f"<div class='article-content'>{paras}</div>"
        f"<div class='related'><h3>相关阅读</h3><ul>{related}</ul></div></div></body></html>"
    )


def path(n: int) -> str:
    return f"/chaos/xinwen-20241120{n:06d}.html"


BODY = "这是一篇正常的测试文章,用来检验抓取在恶劣网络下的表现。\n第二段同样是正常的正文内容,没有任何问题。"
# name -> article number; the handler decides what each one does
TRAPS = {
    "flaky": 1,  # 500 twice, then the page
    "slow": 2,  # answers after the download timeout
    "reset": 3,  # closes the connection without a response
    "loop": 4,  # redirects to itself forever
    "truncated": 5,  # promises more bytes than it sends
    "huge": 6,  # 20 MB
    "binary": 7,  # random bytes under an .html name
    "wrong_charset": 8,  # header says utf-8, bytes are GBK
    "no_date": 9,
    "no_body": 10,
    "dup_a": 11,  # the same article as dup_b (same id, canonical)
    "good": 12,  # links to other hosts
}
DUP_B = "/hangye/xinwen-20241120000011.html"
OTHER_HOST = "http://127.0.0.2:{port}/chaos/xinwen-20241120999999.html"  # article-shaped, other host


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _send(self, status: int, body: bytes, ctype: str = HTML, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        with self.server.lock:
            self.server.log.append(self.path)
            hits = self.server.log.count(self.path)
        p = self.path
        if p == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /ask/\n", "text/plain")
        if p == "/":
            return self._send(200, "<a href='/chaos/'>混乱</a><a href='/empty/'>空</a>".encode())
        if p == "/empty/":
            return self._send(200, "<html><body><p>本栏目暂无文章</p></body></html>".encode())
        if p == "/chaos/":
            links = "".join(f"<li><a href='{path(n)}'>文章{n}</a></li>" for n in TRAPS.values())
            links += f"<li><a href='{DUP_B}'>重复</a></li><li><a href='{self.server.other}'>外站</a></li>"
            return self._send(200, f"<ul class='news-list'>{links}</ul>".encode())
        trap = {path(n): name for name, n in TRAPS.items()}.get(p)
        if p == DUP_B:
            trap = "dup_b"
        if trap is None:
            return self._send(404, b"not found")
        self._trap(trap, p, hits)
        return None

    def _trap(self, trap: str, p: str, hits: int) -> None:
        title = f"测试文章{trap}"
        if trap == "flaky" and hits <= 2:
            return self._send(500, b"busy")
        if trap == "slow":
            time.sleep(self.server.slow_seconds)
            return self._send(200, article_html(title, BODY).encode())
        if trap == "reset":
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        if trap == "loop":
            return self._send(302, b"", headers={"Location": f"{p}?again={hits}"})
        if trap == "truncated":
            page = article_html(title, BODY).encode()
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Content-Length", str(len(page) * 2))
            self.end_headers()
            self.wfile.write(page)
            self.close_connection = True
            return None
        if trap == "huge":
            return self._send(200, b"<html><body>" + b"x" * (20 * 1024 * 1024) + b"</body></html>")
        if trap == "binary":
            return self._send(200, os.urandom(50_000), "text/html")
        if trap == "wrong_charset":
            page = article_html("编码错误的文章", "声明的是UTF-8,实际是GBK编码,堃字也要正确。\n第二段。")
            return self._send(200, page.encode("gb18030"), HTML)
        if trap == "no_date":
            return self._send(200, article_html(title, BODY, time_text="").encode())
        if trap == "no_body":
            return self._send(200, article_html(title, "").encode())
        if trap in ("dup_a", "dup_b"):
            return self._send(200, article_html("同一篇文章两个地址", BODY).encode())
        related = f"<li><a href='{self.server.other}' title='外站'>外站</a></li>"
        return self._send(200, article_html(title, BODY, related=related).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """The crawler hangs up on slow traps on purpose; that is no server error."""


class HostileServer:
    def __init__(self, host: str = "127.0.0.1", other_port: int = 0, slow_seconds: float = 4.0) -> None:
        self.httpd = _Server((host, 0), _Handler)
        self.httpd.log = []
        self.httpd.lock = threading.Lock()
        self.httpd.slow_seconds = slow_seconds
        self.httpd.other = OTHER_HOST.format(port=other_port)
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self.requests: list[str] = self.httpd.log

    def __enter__(self) -> HostileServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class TrapHost(HostileServer):
    """Listens on 127.0.0.2: a request here means the crawl left its host."""

    def __init__(self) -> None:
        super().__init__(host="127.0.0.2")
