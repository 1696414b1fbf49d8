#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image. It
# installs the deriv binary as /usr/local/bin/deriv:
#   - from a prebuilt binary shipped in the autograder zip (deriv-linux-amd64), or
#   - by building the deriv source shipped in the zip (deriv-src/) with Go.
set -euo pipefail
SRC=${SRC:-/autograder/source}
BIN=${BIN:-/usr/local/bin}
GO_VERSION=${GO_VERSION:-1.26.0}

if [ -x "$SRC/deriv-linux-amd64" ]; then
  install -m 0755 "$SRC/deriv-linux-amd64" "$BIN/deriv"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq curl ca-certificates >/dev/null
  curl -fsSL "https://go.dev/dl/go${GO_VERSION}.linux-amd64.tar.gz" | tar -C /usr/local -xz
  export PATH=/usr/local/go/bin:$PATH
fi
cd "$SRC/deriv-src"
CGO_ENABLED=0 go build -trimpath -o "$BIN/deriv" ./cmd/deriv
"$BIN/deriv" grade --help >/dev/null
