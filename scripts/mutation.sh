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

declare -A MUT_GROUPS=(
  [furniture]="autonews.text.clean.* autonews.text.normalize.* autonews.extract.generic.boilerplate.*"
  [dates]="autonews.dates.text.* autonews.dates.spec.* autonews.dates.url.* autonews.dates.limits.*"
  [store]="autonews.store.store.* autonews.store.known.*"
  [policy]="autonews.crawling.policy.*"
  [runs]="autonews.crawling.runs.*"
  [search]="autonews.query.terms.* autonews.query.search.*"
)
names=()
for group in "$@"; do
  [ -n "${MUT_GROUPS[$group]:-}" ] || { echo "mutation.sh: unknown group '$group' (${!MUT_GROUPS[*]})" >&2; exit 2; }
  # shellcheck disable=SC2206  # the globs are mutmut's, not the shell's
  set -f; names+=(${MUT_GROUPS[$group]}); set +f
done

# A fresh run by default: mutmut 3 keeps results in mutants/ and does not notice every test
# change, so a reused cache can report a mutant killed by a test that no longer exists.
[ "${KEEP:-0}" = 1 ] || rm -rf mutants
# Exit status 0 from mutmut whatever survives: the report says what did.
"$VENV/bin/mutmut" run --max-children "${JOBS:-2}" "${names[@]}" | tr '\r' '\n' | grep -v '^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]' | tail -n 3
"$VENV/bin/python" scripts/mutation_report.py "$@"
