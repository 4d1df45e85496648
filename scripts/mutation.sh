#!/usr/bin/env bash
# Mutation testing (issue 18): mutmut 3 mutates the modules that hold the README's promises
# and runs their fast tests against each mutant; a mutant no test notices is a promise no
# test pins.  Too slow for every CI run; run it before resolving an issue that touches these
# modules and put the scores in the note.
#
#   scripts/mutation.sh                  # every group (about 45 minutes on 2 busy cores)
#   scripts/mutation.sh store policy     # some groups: furniture dates store policy runs search
#   KEEP=1 scripts/mutation.sh search    # reuse mutants/ and its cached results
#
# What is mutated and which tests run is [tool.mutmut] in pyproject.toml.  mutmut copies the
# project into mutants/ (ignored by git); the report is scripts/mutation_report.py.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/mutmut" ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -e '.[test,mutation]'
fi

# The groups and their modules are defined once, in scripts/mutation_report.py; an unknown
# group name stops here with the list of known ones.
globs=$("$VENV/bin/python" scripts/mutation_report.py --globs "$@")
# shellcheck disable=SC2206  # the globs are mutmut's, not the shell's
set -f; names=($globs); set +f

# A fresh run by default: mutmut 3 keeps results in mutants/ and does not notice every test
# change, so a reused cache can report a mutant killed by a test that no longer exists.
[ "${KEEP:-0}" = 1 ] || rm -rf mutants
# Exit status 0 from mutmut whatever survives: the report says what did.
"$VENV/bin/mutmut" run --max-children "${JOBS:-2}" "${names[@]}" | tr '\r' '\n' | grep -v '^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]' | tail -n 3
"$VENV/bin/python" scripts/mutation_report.py "$@"
