#!/usr/bin/env bash
# Installs code-server (the VS Code server and web workbench) into a cache folder,
# from the npm registry alone: nothing is fetched from GitHub.
#
#   test/e2e/install-code-server.sh [DEST]     (default: .e2e/code-server)
#
# Needs the Debian packages listed in docs/e2e.md (a C/C++ toolchain, python3,
# pkg-config, the Kerberos, libsecret, X11 and xkbfile headers, and ripgrep).
# Does nothing when DEST already holds a working code-server.
set -euo pipefail

# 4.100.x ships VS Code 1.100 and is the last line that runs on Node 20.
VERSION=${CODE_SERVER_VERSION:-4.100.3}
mkdir -p "${1:-.e2e/code-server}"
DEST=$(cd "${1:-.e2e/code-server}" && pwd)
BIN="$DEST/node_modules/.bin/code-server"

installed_version() {
  node -p "require('$1/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ -x "$BIN" ] && [ "$(installed_version "$DEST")" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $DEST"
  exit 0
fi

RIPGREP=$(command -v rg) || { echo "ripgrep is missing (Debian package ripgrep)" >&2; exit 1; }

# Native modules are built against the installed Node headers when they are
# there, so node-gyp has nothing to download.
if [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir=${npm_config_nodedir:-/usr}; fi
# node-pty's install step runs `npx node-gyp`, which would otherwise wait for a "yes".
export npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

cd "$DEST"
[ -f package.json ] || printf '{ "name": "code-server-cache", "private": true }\n' > package.json

# code-server's own postinstall runs an npm install whose ripgrep package
# downloads a binary from GitHub; skip it and do its steps below instead.
npm install --save-exact --ignore-scripts "code-server@$VERSION"
npm rebuild argon2

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
# The ripgrep package skips its download when bin/ exists: give it Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$RIPGREP" node_modules/@vscode/ripgrep/bin/rg
npm rebuild
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --omit=dev)

[ -x "$BIN" ] || { echo "code-server did not install: $BIN is missing" >&2; exit 1; }
echo "code-server $(installed_version "$DEST") installed in $DEST"
