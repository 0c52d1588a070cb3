"""Headless Chromium over the DevTools protocol (websocket-client): what
scripts/screenshots.py and benchmarks/browser.py share.

- ``free_port()``: a port for Chromium's DevTools endpoint;
- ``DevToolsTab``: one tab, ``send`` runs a DevTools command;
- ``stop_chromium()``: the browser stopped, its profile removed.
"""

import json
import shutil
import socket
import subprocess

import websocket


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DevToolsTab:
    """One Chromium tab, driven over its DevTools websocket ``ws_url``."""

    def __init__(self, ws_url, timeout):
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.next_id = 0

    def send(self, method, **params):
        """Run the DevTools command ``method`` and return its result; the
        events the tab sends meanwhile are passed over."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def close(self):
        self.ws.close()


def stop_chromium(process, profile):
    """Stop the Chromium ``process`` (killed if it has not stopped 10 s
    later) and remove its ``profile`` folder."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(profile, ignore_errors=True)
