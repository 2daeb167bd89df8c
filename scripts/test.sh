#!/usr/bin/env bash
# Install the project and run the whole test suite.
#
#   scripts/test.sh                 everything: lint, format, types, docs, tests
#   scripts/test.sh -k node -x      extra arguments go to pytest
#
# Creates .venv if missing, installs k8slab with its dev extras, installs the external
# tools (scripts/tools.sh), then runs each check in turn and stops at the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s   [%ss]\n' "$*" "$SECONDS"; }
# Drop pip's warnings about configured local package folders that do not exist on this machine.
without_pip_noise() { grep -v 'is ignored: it is neither a file nor a directory' || true; }
# True if directory $1 holds at least one Python file.
has_python() { [[ -d "$1" ]] && [[ -n "$(find "$1" -name '*.py' -print -quit)" ]]; }

step "Python environment (.venv)"
if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | without_pip_noise
.venv/bin/python --version

step "External tools (.tools)"
bash scripts/tools.sh
export PATH="$ROOT/.tools/bin:$ROOT/.venv/bin:$PATH"
# Tests that need a real tool fail (rather than skip) when it is missing.
export K8SLAB_REQUIRE_TOOLS=1

# Source folders to lint; examples/ may not exist yet.
lint_dirs=(src tests)
type_dirs=(src)
if has_python examples; then
    lint_dirs+=(examples)
    type_dirs+=(examples)
fi

step "ruff check ${lint_dirs[*]}"
ruff check "${lint_dirs[@]}"

step "ruff format --check ${lint_dirs[*]}"
ruff format --check "${lint_dirs[@]}"

step "mypy --strict ${type_dirs[*]}"
mypy --strict "${type_dirs[@]}"

step "mkdocs build --strict"
export NO_MKDOCS_2_WARNING=1 # no banner about MkDocs 2 on every build
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
mkdocs build --strict --quiet -d "$site"

step "pytest${*:+ $*}"
python -m pytest "$@"

printf '\n==> all checks passed in %ss\n' "$SECONDS"
