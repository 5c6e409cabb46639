#!/usr/bin/env python3
"""How long `metodbank serve` takes from saving a document to telling open pages to reload.

Starts `serve` on a bank, then several times appends a line to the first practice and measures
(a) until the served page has the new text and (b) until a status request made before the save,
as the live-reload script makes it (`/__metodbank/status?since=N`), is answered with the new build.
The document gets its text back at the end. Prints the medians.

Usage: scripts/serve-latency.py BINARY BANK [RUNS] [OUTPUT]
OUTPUT (the site folder) is kept when given, else a temporary folder is removed at the end.
"""
import glob
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    binary, bank = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    kept = len(sys.argv) > 4
    output = sys.argv[4] if kept else tempfile.mkdtemp(prefix="serve-latency-")
    server = subprocess.Popen([binary, "serve", "--source", bank, "--output", output, "--port", str(port), "--quiet"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def get(path):
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.read().decode()

    def build_number():
        return json.loads(get("/__metodbank/status"))["build"]

    document = sorted(glob.glob(os.path.join(bank, "content/practices/*.md")))[0]
    page = "/practices/" + os.path.basename(document)[:-3] + ".html"
    original = open(document, encoding="utf-8").read()
    served, signalled = [], []
    try:
        for _ in range(1200):  # the first build of a large bank takes a while
            try:
                build_number()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(2)
        for run in range(runs):
            known = build_number()
            answered = {}

            def wait_for_next_build():
                while json.loads(get(f"/__metodbank/status?since={known}"))["build"] == known:
                    pass
                answered["at"] = time.monotonic()

            waiter = threading.Thread(target=wait_for_next_build)
            waiter.start()
            time.sleep(0.3)  # the request is waiting before the save
            marker = f"Строка замера {run}, {time.time()}."
            start = time.monotonic()
            with open(document, "w", encoding="utf-8") as file:
                file.write(original + "\n" + marker + "\n")
            while marker not in get(page):
                time.sleep(0.01)
            served.append(time.monotonic() - start)
            waiter.join()
            signalled.append(answered["at"] - start)
            time.sleep(1.5)  # the search index follows the pages
    finally:
        with open(document, "w", encoding="utf-8") as file:
            file.write(original)
        server.terminate()
        server.wait()
        if not kept:
            subprocess.run(["rm", "-rf", output])

    def show(values):
        return f"{statistics.median(values):.2f} s (" + ", ".join(f"{value:.2f}" for value in values) + ")"

    print(f"save → new page served: {show(served)}")
    print(f"save → pages told to reload: {show(signalled)}")


if __name__ == "__main__":
    main()
