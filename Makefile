# frontdesk build, run and test targets. `make run` and `make test` install
# what they need on a fresh Debian machine (through apt-get, as root or with
# sudo) and then build with the machine's Go.

GO       ?= go
BIN      ?= bin
PKGS     := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
            libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev \
            wayland-protocols xvfb xauth
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BENCHTIME ?= 1s

.PHONY: all deps build run test bench vet fmt-check clean

all: build

# deps installs the Debian packages that Fyne's window driver (cgo, X11,
# OpenGL, Wayland headers) and the screen checks (Xvfb) need, but only those
# that are missing, so a machine that has them runs no apt-get at all.
deps:
	@missing=$$(for p in $(PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(GO) build -o $(BIN)/ ./cmd/frontdesk ./cmd/frontdeskctl

run: build
	./$(BIN)/frontdesk

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

test: deps vet fmt-check
	$(GO) test -race -count=1 ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

clean:
	rm -rf $(BIN)
