#!/usr/bin/env bash
# PrairieLearn's external grader entrypoint. PrairieLearn mounts /grade with
# data/data.json (the submission) and serverFilesCourse/ and tests/; deriv
# writes /grade/results/results.json. ROOT and DERIV exist for testing.
set -euo pipefail
ROOT=${ROOT:-/}
DERIV=${DERIV:-deriv}
ASSIGNMENT=${ASSIGNMENT:-$ROOT/grade/tests/assignment.yaml}
exec "$DERIV" grade "$ASSIGNMENT" --prairielearn --root "$ROOT"
