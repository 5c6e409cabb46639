"""Live reload of `metodbank serve` as a reader sees it in Chromium. Usage: live_reload.py BINARY"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

binary = os.path.abspath(sys.argv[1])
bank = tempfile.mkdtemp(prefix="metodbank-live-")
for item in ("metodbank.yml", "content", "themes"):
    source = os.path.join(os.getcwd(), item)
    if os.path.isdir(source):
        shutil.copytree(source, os.path.join(bank, item), symlinks=True)
    elif os.path.exists(source):
        shutil.copy(source, bank)
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
server = subprocess.Popen([binary, "serve", "--source", bank, "--output", os.path.join(bank, "site"), "--port", str(port), "--quiet"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
document = os.path.join(bank, "content/practices/formiruyushchee-otsenivanie.md")
original = open(document, encoding="utf-8").read()
passed = failed = 0


def check(condition, message):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok {message}")
    else:
        failed += 1
        print(f"FAIL {message}")


def until(condition, seconds=20):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


def save(text):
    with open(document, "w", encoding="utf-8") as file:
        file.write(text)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
    options.add_argument(flag)
driver = None
try:
    check(until(lambda: urllib.request.urlopen(base + "/__metodbank/status", timeout=5).status == 200, 60), "serve answers")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.get(base + "/practices/formiruyushchee-otsenivanie.html")
    check("Формирующее оценивание" in driver.page_source, "the page opens")
    # A mark the page loses when it reloads.
    driver.execute_script("window.metodbankMark = true;")
    time.sleep(1)

    save(original + "\nАбзац, дописанный для проверки обновления.\n")
    reloaded = until(lambda: driver.execute_script("return window.metodbankMark === undefined;")
                     and "Абзац, дописанный для проверки обновления." in driver.page_source)
    check(reloaded, "a saved edit reloads the open page with the new text")

    driver.execute_script("window.metodbankMark = true;")
    save(original.replace("title:", "title: [", 1))
    overlay = until(lambda: "Сборка не удалась" in driver.find_element("id", "metodbank-error").text)
    check(overlay, "a broken file shows the errors over the page")
    check(driver.execute_script("return window.metodbankMark === true;"), "the page is not reloaded for a failed build")

    save(original)
    repaired = until(lambda: driver.execute_script("return window.metodbankMark === undefined;")
                     and not driver.find_elements("id", "metodbank-error")
                     and "Абзац, дописанный для проверки обновления." not in driver.page_source)
    check(repaired, "the repaired file reloads the page without the errors")
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait()
    shutil.rmtree(bank, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
