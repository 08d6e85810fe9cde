#!/bin/sh
# Regenerates the committed service documents and fails when they changed. Run it where `inferschema` is on
# PATH, e.g. as an npm script: "check-swagger": "sh check-swagger.sh".
set -e
inferschema swagger score.ts --version 2 --out swagger.json
inferschema swagger score.ts --version 3.1 --out openapi/swagger3.1.json
git add --intent-to-add swagger.json openapi/   # a new, uncommitted document counts as a change too
git diff --exit-code -- swagger.json openapi/ || {
  echo 'The service documents are out of date: run npm run check-swagger and commit them.' >&2
  exit 1
}
