#!/usr/bin/env bash
# Builds Mailpit (github.com/axllent/mailpit), the SMTP server with an HTTP
# API that the e-mail tests of cmd/crossmeet send to, and prints the path
# of the binary. The build goes through the Go module proxy like any Go
# module and is cached, so only the first run on a machine takes minutes.
#
#   export CROSSMEET_MAILPIT="$(bash scripts/mailpit.sh)"
#
# The tests run this script themselves when CROSSMEET_MAILPIT is not set;
# a failed build fails them (they never skip).
set -euo pipefail
version=v1.33.1
cache="${CROSSMEET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crossmeet}/mailpit-$version"
bin="$cache/mailpit"
if [ ! -x "$bin" ]; then
	mkdir -p "$cache"
	echo "building Mailpit $version into $cache (once per machine)..." >&2
	GOBIN="$cache" GOFLAGS= go install "github.com/axllent/mailpit@$version" >&2
fi
echo "$bin"
