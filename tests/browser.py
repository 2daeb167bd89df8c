"""A headless Chromium driven over the DevTools protocol, and a local server that records requests.

Used by tests/test_docs_browser.py. Chromium runs with ``--host-resolver-rules`` mapping every
host but 127.0.0.1 to nothing, so no request can leave the machine; the DevTools ``Network``
events record every request a page makes, so the test can also prove none was attempted.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import websocket


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    seen: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        self.seen.append(self.path)


@contextmanager
def serve(directory: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve ``directory`` on 127.0.0.1 (a free port): (base URL, the paths requested so far)."""
    seen: list[str] = []
    handler = functools.partial(type("Handler", (_QuietHandler,), {"seen": seen}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()


class Page:
    """One browser tab: send DevTools commands, collect the events they cause."""

    def __init__(self, ws_url: str) -> None:
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.events: list[dict[str, Any]] = []
        self._next = 0

    def close(self) -> None:
        self.ws.close()

    def _receive(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(self.ws.recv())
        return message

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Run one DevTools command; return its result (raise on a protocol error)."""
        self._next += 1
        self.ws.settimeout(60)
        self.ws.send(json.dumps({"id": self._next, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 60) -> dict[str, Any]:
        """Wait for the next DevTools event named ``event`` (events already seen count)."""
        deadline = time.monotonic() + timeout
        for i, message in enumerate(self.events):
            if message.get("method") == event:
                return self.events.pop(i)
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            message = self._receive()
            if message.get("method") == event:
                return message
            self.events.append(message)
        raise TimeoutError(event)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Navigate to ``url`` and wait until it has loaded and the network is quiet."""
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.settle()

    def settle(self, quiet: float = 0.5, timeout: float = 20) -> None:
        """Read events until none arrives for ``quiet`` seconds (scripts' late requests included)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.ws.settimeout(quiet)
            try:
                self.events.append(self._receive())
            except (websocket.WebSocketTimeoutException, TimeoutError):
                return

    def requests(self) -> list[str]:
        """Every URL the page requested since it was opened."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the whole page to ``path``."""
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path


@contextmanager
def chromium(binary: str, width: int = 1280, height: int = 900) -> Iterator[Page]:
    """A headless Chromium that can reach 127.0.0.1 only, and one page of it, ``width`` px wide."""
    with tempfile.TemporaryDirectory(prefix="k8slab-chromium-", ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-features=MediaRouter,OptimizationHints,Translate",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9",  # nothing listens: a request to another host fails
                "--proxy-bypass-list=127.0.0.1",
                f"--window-size={width},{height}",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + 60
            while not (port_file.is_file() and port_file.read_text().strip()):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{binary} did not start (exit {process.poll()})")
                time.sleep(0.1)
            port = port_file.read_text().split()[0]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
                targets = json.load(answer)
            page = Page(next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page"))
            try:
                page.send("Page.enable")
                page.send("Network.enable")
                page.send("Network.setCacheDisabled", cacheDisabled=True)
                page.send(
                    "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False
                )
                yield page
            finally:
                page.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
