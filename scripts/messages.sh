#!/usr/bin/env bash
# Refresh the Swedish catalogue from the code (needs GNU gettext), then compile it with Babel.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pusselbit makemessages -l sv --no-obsolete \
  --ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*' --ignore 'build/*'
.venv/bin/python scripts/translate.py "$@"
make --no-print-directory messages
