"""Drive headless Chromium over the DevTools pipe: open a page, run script, click, take screenshots.

Used by the browser tests, the view benchmark and the README screenshots. It needs nothing beyond
the standard library: Chromium's ``--remote-debugging-pipe`` reads JSON commands from file
descriptor 3 and writes replies to 4, each message ending in a NUL byte.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe")


class BrowserError(RuntimeError):
    """Chromium replied with an error, died, or a page script threw."""


class Browser:
    """One headless Chromium with one page; use as a context manager.

    >>> with Browser() as b:                                   # doctest: +SKIP
    ...     b.open("file:///tmp/graph.html")
    ...     b.eval("document.title")
    """

    def __init__(self, width: int = 1400, height: int = 900, chromium: Path = CHROMIUM) -> None:
        self.width, self.height, self.chromium = width, height, chromium
        self._id = 0
        self._buffer = b""
        self.events: list[dict] = []
        self.console: list[str] = []

    def __enter__(self) -> Browser:
        self._profile = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child: the pipe ends on the descriptors Chromium expects
            # through spare high numbers first, in case one end already sits on 3 or 4
            read_end, write_end = os.dup2(to_child_r, 100), os.dup2(from_child_w, 101)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._proc = subprocess.Popen(
            [str(self.chromium), *FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={self.width},{self.height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        target = next(t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self._session = self.send("Target.attachToTarget", targetId=target["targetId"],
                                  flatten=True)["sessionId"]
        for domain in ("Page", "Runtime"):
            self.send(f"{domain}.enable", session=True)
        self.resize(self.width, self.height)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = False, **params) -> dict:
        """Send one DevTools command and wait for its reply; events met meanwhile are kept."""
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._note(reply)

    def _note(self, event: dict) -> None:
        method = event.get("method", "")
        if method == "Runtime.consoleAPICalled":
            args = event["params"].get("args", [])
            self.console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
        elif method == "Runtime.exceptionThrown":
            details = event["params"]["exceptionDetails"]
            thrown = details.get("exception", {}).get("description", details["text"])
            self.console.append("exception: " + thrown)
        self.events.append(event)

    def resize(self, width: int, height: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)

    def open(self, url: str, ready: str = "document.body && document.body.dataset.drawn === 'true'",
             timeout: float = 60.0) -> float:
        """Navigate to `url` and wait until the `ready` expression is true; the seconds it took."""
        start = time.monotonic()
        self.send("Page.navigate", session=True, url=url)
        self.wait(ready, timeout)
        return time.monotonic() - start

    def eval(self, expression: str, timeout: float = 60.0):
        """The value of a JavaScript expression (promises awaited); a throw raises BrowserError."""
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True, timeout=int(timeout * 1000))
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description", details.get("text")))
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 30.0) -> None:
        """Poll until `expression` is truthy."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.eval(f"!!({expression})"):
                    return
            except BrowserError:
                pass  # the page is still loading
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out after {timeout} s waiting for {expression}")
            time.sleep(0.05)

    def click(self, x: float, y: float) -> None:
        """A left click at page coordinates (CSS pixels)."""
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left",
                      clickCount=1)

    def move(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)

    def wheel(self, x: float, y: float, delta_y: float) -> None:
        """A mouse-wheel turn at page coordinates: positive `delta_y` scrolls down (zooms a map out)."""
        self.send("Input.dispatchMouseEvent", session=True, type="mouseWheel", x=x, y=y, deltaX=0,
                  deltaY=delta_y)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)
