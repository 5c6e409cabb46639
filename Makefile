# metodbank: two commands set everything up on a fresh Debian with the Swift toolchain.
#   make site  — installs what is missing, builds the tool (release) and the sample bank into site/
#   make test  — installs what is missing and runs every test (Swift, JavaScript, browser)
#   make bench-search — the search benchmark on a generated bank of 10,000 documents, with Pagefind

SWIFT ?= swift
# libcurl4-openssl-dev: only for linking the release binary (see `release`).
BUILD_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev libstemmer-dev libyaml-dev libjemalloc-dev libcurl4-openssl-dev
TEST_PACKAGES = chromium chromium-driver nodejs zbar-tools librsvg2-bin poppler-utils default-jre-headless python3-venv
BENCH_PACKAGES = nodejs python3 python3-venv
RELEASE_BIN = .build/release/metodbank
DEBUG_BIN = .build/debug/metodbank

.PHONY: site test deps test-deps release embed-theme bench bench-search clean

site: deps release
	$(RELEASE_BIN) build
	@echo ""
	@echo "Сайт собран в папке site/. Откройте его в браузере:"
	@echo "  file://$(CURDIR)/site/index.html"
	@echo "или скопируйте папку site/ на сервер интрасети (см. README.md)."

# The release binary carries Swift's standard library and Foundation inside it: in alternating
# cold builds of 10,000 documents it was faster in 17 of 22 pairs, 5-14 % by the median of each
# series (see README). Static Foundation includes its networking part, which the HTTP server
# library (FlyingFox, for serve) brings in for a proxy handler metodbank never uses; linking it
# needs libcurl's development files. The shared build loads libcurl as well. Linked by lld:
# gold warns about a glibc function static Foundation uses, and make site would show it.
release:
	$(SWIFT) build -c release --product metodbank --static-swift-stdlib -Xswiftc -use-ld=lld

deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES)

test-deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES) $(TEST_PACKAGES)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	METODBANK=$(DEBUG_BIN) node --test Tests/js/*.test.js
	METODBANK=$(DEBUG_BIN) Tests/browser/run.sh
	METODBANK=$(DEBUG_BIN) Tests/browser/print.sh
	METODBANK=$(DEBUG_BIN) Tests/browser/live-reload.sh
	METODBANK=$(DEBUG_BIN) Tests/quality/run.sh

# Build speed and memory against Hugo on the generated banks of 1,000 and 10,000 documents.
bench: deps release
	@scripts/install-deps.sh hugo python3
	scripts/bench.sh

# Search on a generated bank of 10,000 documents: bytes of the first search, query times, index
# size, and Pagefind's figures on the same pages (installed into a virtual environment in /tmp).
bench-search: deps release
	@scripts/install-deps.sh $(BENCH_PACKAGES)
	scripts/bench-search.sh

# After editing themes/default/: refresh the copy of the theme built into the tool.
embed-theme:
	scripts/embed-theme.sh

clean:
	rm -rf .build site
