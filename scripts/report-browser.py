#!/usr/bin/env python3
"""Loads galley's HTML triage report in headless Chromium over the DevTools protocol and checks
that the index table is there and works (rows, sorting, filtering), that the console has no error,
and that no request leaves the page: every request the page makes must be for the report file
itself. Saves a screenshot when asked.

Usage: report-browser.py CHROMIUM REPORT.html [SCREENSHOT.png]

Standard library only: a minimal WebSocket client speaks to the browser's debugging port.
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class Socket:
    """A WebSocket client, enough for the DevTools protocol on localhost."""

    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, path = url[5:].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(1)
        if b" 101 " not in response.split(b"\r\n")[0]:
            raise RuntimeError(f"handshake refused: {response!r}")

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("the browser closed the connection")
            data += chunk
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._exact(2)
            n = second & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = first & 0x0F
            if opcode in (0x8,):
                raise RuntimeError("the browser closed the connection")
            if opcode in (0x9, 0xA):
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Page:
    def __init__(self, ws_url):
        self.ws = Socket(ws_url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for_load(self, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if any(e["method"] == "Page.loadEventFired" for e in self.events):
                return
            self.ws.sock.settimeout(max(0.1, deadline - time.time()))
            message = json.loads(self.ws.receive())
            if "method" in message:
                self.events.append(message)
        raise RuntimeError("the page did not finish loading")


def main():
    chromium, report = sys.argv[1], os.path.abspath(sys.argv[2])
    screenshot = sys.argv[3] if len(sys.argv) > 3 else None
    profile = tempfile.mkdtemp(prefix="galley-chromium-")
    port_file = os.path.join(profile, "DevToolsActivePort")
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1600,1000",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures = []
    try:
        deadline = time.time() + 60
        while not os.path.exists(port_file):
            if time.time() > deadline or browser.poll() is not None:
                raise RuntimeError("chromium did not open its debugging port")
            time.sleep(0.2)
        time.sleep(0.2)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page_target = next(t for t in targets if t.get("type") == "page")
        page = Page(page_target["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.call(f"{domain}.enable")
        page.call("Page.navigate", url="file://" + report)
        page.wait_for_load()
        rows = page.evaluate("document.querySelectorAll('#index tbody tr').length")
        sections = page.evaluate("document.querySelectorAll('section.ms').length")
        columns = page.evaluate("document.querySelectorAll('#index thead th').length")
        print(f"table: {rows} rows, {columns} columns; {sections} sections")
        if not rows or rows != sections:
            failures.append(f"the index has {rows} rows for {sections} manuscript sections")
        # Sorting by errors, descending, puts the row with most errors first.
        page.evaluate("document.querySelectorAll('#index thead th')[9].click()")
        page.evaluate("document.querySelectorAll('#index thead th')[9].click()")
        first, most = page.evaluate(
            "[parseInt(document.querySelector('#index tbody tr').cells[9].dataset.sort),"
            " Math.max.apply(null, Array.prototype.map.call(document.querySelectorAll('#index tbody tr'),"
            " function (r) { return parseInt(r.cells[9].dataset.sort); }))]")
        if first != most:
            failures.append(f"sorting by errors put {first} first, not {most}")
        # Filtering by a name leaves only the rows that contain it.
        needle = page.evaluate("document.querySelector('#index tbody tr td a').textContent")
        page.evaluate("var f = document.getElementById('filter'); f.value = "
                      + json.dumps(needle) + "; f.dispatchEvent(new Event('input'))")
        shown = page.evaluate("Array.prototype.filter.call(document.querySelectorAll('#index tbody tr'),"
                              " function (r) { return !r.hidden; }).length")
        if not 1 <= shown < max(rows, 2):
            failures.append(f"filtering by {needle!r} left {shown} of {rows} rows")
        page.evaluate("var f = document.getElementById('filter'); f.value = '';"
                      " f.dispatchEvent(new Event('input'));"
                      " document.querySelectorAll('#index thead th')[0].click()")
        time.sleep(0.3)
        page.call("Runtime.evaluate", expression="1")  # collect the events so far
        if screenshot:
            shot = page.call("Page.captureScreenshot", format="png")
            with open(screenshot, "wb") as out:
                out.write(base64.b64decode(shot["data"]))
            print(f"screenshot: {screenshot}")
        for event in page.events:
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if url != "file://" + report and not url.startswith("data:"):
                    failures.append(f"request left the page: {url}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                failures.append(f"console error: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                failures.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                failures.append(f"console error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        requests = [e for e in page.events if e["method"] == "Network.requestWillBeSent"]
        print(f"requests: {len(requests)} (the report itself: {sum(1 for e in requests if e['params']['request']['url'] == 'file://' + report)})")
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)
    if failures:
        for failure in failures:
            print(f"error: {failure}", file=sys.stderr)
        sys.exit(1)
    print("ok: table works, no console error, no request left the page")


if __name__ == "__main__":
    main()
