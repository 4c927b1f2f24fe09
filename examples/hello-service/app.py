"""hello: the service Slipway's examples and demo deploy.

Answers GET /health with 200 "ok" and GET /version with the SLIPWAY_VERSION environment variable, on
127.0.0.1:$PORT. Python 3 standard library only. Stops cleanly on SIGTERM (or Ctrl-C).

Two files in the release's directory change how it behaves, so that a test or a demo can show Slipway's failure path
by committing them:
  UNHEALTHY       /health answers 503 for as long as the file exists.
  STARTUP_DELAY   a number of seconds; /health answers 503 "starting" until that long after start.
  UNHEALTHY_AFTER a number of seconds; /health answers 503 "gone bad" from that long after start on (a release that
                  passes its first checks and then fails, as a bake catches).
"""
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
STARTED = time.monotonic()


def seconds_in(name, default):
    try:
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            return float(f.read().strip() or "0")
    except (OSError, ValueError):
        return default


DELAY = seconds_in("STARTUP_DELAY", 0.0)
GOES_BAD = seconds_in("UNHEALTHY_AFTER", None)


class Hello(BaseHTTPRequestHandler):
    server_version = "hello"

    def do_GET(self):
        if self.path == "/health":
            if os.path.exists(os.path.join(HERE, "UNHEALTHY")):
                self.answer(503, "unhealthy\n")
            elif time.monotonic() - STARTED < DELAY:
                self.answer(503, "starting\n")
            elif GOES_BAD is not None and time.monotonic() - STARTED >= GOES_BAD:
                self.answer(503, "gone bad\n")
            else:
                self.answer(200, "ok\n")
        elif self.path == "/version":
            self.answer(200, os.environ.get("SLIPWAY_VERSION", "unknown") + "\n")
        elif self.path == "/":
            self.answer(200, "hello from %s\n" % os.environ.get("SLIPWAY_VERSION", "an unreleased build"))
        else:
            self.answer(404, "not found\n")

    def answer(self, status, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        # One short line per request on stdout, which the local target keeps in the release's log.
        sys.stdout.write("%s %s\n" % (time.strftime("%H:%M:%S"), fmt % args))
        sys.stdout.flush()


def main():
    port = int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Hello)
    server.daemon_threads = True

    def stop(signum, frame):
        # shutdown() waits for serve_forever to return, so it must run on another thread than the one serving.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("hello %s listening on http://127.0.0.1:%d" % (os.environ.get("SLIPWAY_VERSION", "unknown"), port), flush=True)
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    print("hello stopped", flush=True)


if __name__ == "__main__":
    main()
