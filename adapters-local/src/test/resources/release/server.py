"""A tiny release for the local target's tests.

Serves /health and /version (the SLIPWAY_VERSION it was started with) on $PORT, and /env/NAME (the variable NAME,
404 when it is not set). A file named 'mode' next to this script changes its behaviour: 'sick' makes /health answer
503, 'exit' makes it exit at once with status 3.
"""
import os
import pathlib
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE_FILE = pathlib.Path(__file__).resolve().parent / "mode"
MODE = MODE_FILE.read_text().strip() if MODE_FILE.exists() else "healthy"
PORT = int(os.environ["PORT"])
VERSION = os.environ["SLIPWAY_VERSION"]

print(f"starting {os.environ['SLIPWAY_SERVICE']}/{os.environ['SLIPWAY_ENVIRONMENT']} {VERSION} "
      f"on port {PORT} in mode {MODE} from {os.getcwd()}", flush=True)
if MODE == "exit":
    print("refusing to start: the mode file says exit", flush=True)
    sys.exit(3)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.answer(503, "sick") if MODE == "sick" else self.answer(200, "ok")
        elif self.path == "/version":
            self.answer(200, VERSION + "\n")
        elif self.path.startswith("/env/"):
            name = self.path[len("/env/"):]
            self.answer(200, os.environ[name]) if name in os.environ else self.answer(404, "unset")
        else:
            self.answer(404, "no such page")

    def answer(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
