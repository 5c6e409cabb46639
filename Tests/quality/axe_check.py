"""Accessibility check: axe-core (axe-selenium-python) in Debian's headless Chromium on one
page of each kind of the built site, opened from file://. Fails on serious or critical
violations. Usage: axe_check.py SITE_DIR"""
import os
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

site = os.path.abspath(sys.argv[1])


def first(folder):
    names = sorted(n for n in os.listdir(os.path.join(site, folder)) if n.endswith(".html") and n != "index.html")
    return f"{folder}/{names[0]}"


pages = ["index.html", "practices/index.html", "coverage.html", "whats-new.html", "404.html"]
pages += [first(f) for f in ("practices", "mentoring", "iom", "regulations", "roadmaps", "deficits", "indicators", "handouts")]
if os.path.exists(os.path.join(site, "search", "index.html")):
    pages.append("search/index.html")

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
passed = failed = 0
try:
    for page in pages:
        driver.get("file://" + os.path.join(site, page))
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        if bad:
            failed += 1
            print(f"FAIL {page}:")
            for v in bad:
                print(f"  {v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])}): {v['nodes'][0]['html'][:160]}")
        else:
            passed += 1
            minor = ", ".join(sorted({v["id"] for v in results["violations"]})) or "none"
            print(f"ok {page}: no serious or critical violations (minor: {minor})")
finally:
    driver.quit()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
