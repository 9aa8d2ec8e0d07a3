"""Run the moto AWS emulator on 127.0.0.1 and a free port for Berth's tests.

Prints `ready http://127.0.0.1:PORT` on stdout once it responds, then serves
until stdin closes, the parent process goes away, or --max-seconds pass, so a
test that dies never leaves it running.
"""

import argparse
import os
import socket
import sys
import threading
import time
import json
import logging
import urllib.request

from werkzeug.serving import make_server
from moto.iam import models as iam_models
from moto.server import DomainDispatcherApplication, create_backend_app

# moto 5.2.5 names the CodeStar Notifications service-linked role
# AWSServiceRoleForcodestar-notifications; AWS names it
# AWSServiceRoleForCodeStarNotifications, and Berth looks it up by that name.
iam_models.SERVICE_NAME_CONVERSION.setdefault("codestar-notifications", "CodeStarNotifications")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serialized(application):
    """Wrap a WSGI application so it handles one request at a time.

    moto's backends are not thread-safe: concurrent CreateRole calls fail with HTTP 500
    ("dictionary changed size during iteration", moto 5.2.5), so requests take turns while
    the server still accepts connections on many threads.
    """
    lock = threading.Lock()

    def handle(environ, start_response):
        with lock:
            return list(application(environ, start_response))

    return handle


def watch_stdin(stop: threading.Event) -> None:
    try:
        while sys.stdin.buffer.read(1):
            pass
    except (OSError, ValueError):
        pass
    stop.set()


def watch_parent(stop: threading.Event, parent: int) -> None:
    while not stop.is_set():
        if os.getppid() != parent:
            stop.set()
        time.sleep(0.5)


GITHUB_PREFIX = "/github-api"


def with_github_stub(application):
    """Serves a stand-in for the GitHub REST API under /github-api, so the sandbox and the
    terminal tests can point GITHUB_API_URL at loopback. Every repository exists, the token
    has the `repo` scope, and every file exists on every branch."""

    def respond(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(GITHUB_PREFIX + "/"):
            return application(environ, start_response)

        parts = [part for part in path[len(GITHUB_PREFIX):].split("/") if part]
        headers = [("Content-Type", "application/json"), ("X-OAuth-Scopes", "repo")]
        if len(parts) == 3 and parts[0] == "repos":
            body = {"full_name": f"{parts[1]}/{parts[2]}", "private": False,
                    "permissions": {"admin": True, "push": True, "pull": True}}
        elif len(parts) >= 5 and parts[0] == "repos" and parts[3] == "contents":
            body = {"type": "file", "path": "/".join(parts[4:])}
        else:
            start_response("404 Not Found", headers)
            return [json.dumps({"message": "Not Found"}).encode()]
        start_response("200 OK", headers)
        return [json.dumps(body).encode()]

    return respond


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--max-seconds", type=float, default=3600, help="stop after this many seconds")
    parser.add_argument("--ignore-stdin", action="store_true", help="keep serving when stdin closes")
    arguments = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = arguments.port or free_port()
    application = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", port, with_github_stub(serialized(application)), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1).read()
            break
        except OSError:
            time.sleep(0.05)
    print(f"ready {url}", flush=True)

    stop = threading.Event()
    if not arguments.ignore_stdin:
        threading.Thread(target=watch_stdin, args=(stop,), daemon=True).start()
    threading.Thread(target=watch_parent, args=(stop, os.getppid()), daemon=True).start()
    stop.wait(arguments.max_seconds)
    server.shutdown()


if __name__ == "__main__":
    main()
