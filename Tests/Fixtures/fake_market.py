#!/usr/bin/env python3
"""A scripted HTTP server on 127.0.0.1 for the `rotor update` tests (no internet).

Usage: fake_market.py FOLDER. Binds a free port and writes it to FOLDER/port. On every
request it reads FOLDER/routes.json, {"PATH": [RESPONSE, ...]}, where PATH is the request
path without the query and RESPONSE is {"status": 200, "body": "...", "headers": {...},
"delay": seconds}. The responses of a path are served in turn; the last one repeats. Counters
restart whenever routes.json changes. A route `PREFIX/*` serves
every `PREFIX/NAME` without a route of its own. Every request (path and query) is appended to
FOLDER/requests.log. A path without a route gets 404.
"""
import http.server
import json
import os
import sys
import time

folder = sys.argv[1]
state = {"routes": None, "text": None, "served": {}}


def routes():
    with open(os.path.join(folder, "routes.json")) as f:
        text = f.read()
    if text != state["text"]:
        state["text"] = text
        state["routes"] = json.loads(text)
        state["served"] = {}
    return state["routes"]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        with open(os.path.join(folder, "requests.log"), "a") as log:
            log.write(self.path + "\n")
        path = self.path.split("?", 1)[0]
        table = routes()
        if path not in table and path.rsplit("/", 1)[0] + "/*" in table:
            path = path.rsplit("/", 1)[0] + "/*"
        if path not in table:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"not found")
            return
        served = state["served"].get(path, 0)
        state["served"][path] = served + 1
        responses = table[path]
        response = responses[min(served, len(responses) - 1)]
        if response.get("delay"):
            time.sleep(response["delay"])
        body = response.get("body", "").encode()
        self.send_response(response.get("status", 200))
        for name, value in response.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer.daemon_threads = True
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(folder, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
server.serve_forever()
