"""One quiet static HTTP server for a built site, shared by the tests, the benchmark and the
Lighthouse run: on 127.0.0.1, a free port, in a thread of the calling process.

    httpd, base = start(site)                  # base is "http://127.0.0.1:PORT", no final slash
    httpd, base = start(site, gzip=True)       # text gzipped, as GitHub Pages, Netlify and the like do
    httpd, base = start(site, served=log)      # every file sent appended to log as (path, bytes)
    httpd.shutdown()

It logs nothing (its requests would interleave with a test's or a command's output), and a
browser that drops a request it no longer needs (its page closed) is no error worth a traceback.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import os
import sys
import threading
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".map", ".txt"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    gzip = False
    served: list[tuple[str, int]] | None = None

    def send_head(self):
        f = super().send_head()
        if self.served is not None and f is not None and hasattr(f, "fileno"):
            self.served.append((self.path.split("?")[0], os.fstat(f.fileno()).st_size))
        return f

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (self.gzip and path.suffix in COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip_module.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start(directory: Path | str, *, gzip: bool = False,
          served: list[tuple[str, int]] | None = None) -> tuple[QuietServer, str]:
    """Serve ``directory`` until ``shutdown()``; the server and its base URL (no final slash)."""
    handler = functools.partial(type("Handler", (QuietHandler,), {"gzip": gzip, "served": served}),
                                directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
