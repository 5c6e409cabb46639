# metodbank: two commands set everything up on a fresh Debian with the Swift toolchain.
#   make site  — installs what is missing, builds the tool (release) and the sample bank into site/
#   make test  — installs what is missing and runs every test (Swift, browser)

SWIFT ?= swift
BUILD_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev
TEST_PACKAGES = chromium chromium-driver zbar-tools librsvg2-bin poppler-utils default-jre-headless python3-venv
RELEASE_BIN = .build/release/metodbank
DEBUG_BIN = .build/debug/metodbank

.PHONY: site test deps test-deps release embed-theme clean

site: deps release
	$(RELEASE_BIN) build
	@echo ""
	@echo "Сайт собран в папке site/. Откройте его в браузере:"
	@echo "  file://$(CURDIR)/site/index.html"
	@echo "или скопируйте папку site/ на сервер интрасети (см. README.md)."

release:
	$(SWIFT) build -c release --product metodbank

deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES)

test-deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES) $(TEST_PACKAGES)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	METODBANK=$(DEBUG_BIN) Tests/browser/run.sh
	METODBANK=$(DEBUG_BIN) Tests/browser/print.sh
	METODBANK=$(DEBUG_BIN) Tests/quality/run.sh

# After editing themes/default/: refresh the copy of the theme built into the tool.
embed-theme:
	scripts/embed-theme.sh

clean:
	rm -rf .build site
