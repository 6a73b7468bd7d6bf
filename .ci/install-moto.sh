#!/usr/bin/env bash
# Installs moto's server, pinned, into target/moto-venv: the AWS emulator the
# client's end-to-end tests (tests/client_e2e.rs, examples/tests/) run
# against. They find it there (see tests/src/moto.rs); AWSGEN_MOTO_SERVER may
# point at another moto_server instead. Idempotent: does nothing when the
# pinned version is already installed.
#
# moto 5.2.5 implements bedrock's CreateModelCustomizationJob,
# GetModelCustomizationJob, ListModelCustomizationJobs, ListCustomModels,
# TagResource, UntagResource and ListTagsForResource (not
# ListModelInvocationJobs). Keep MOTO_VERSION in tests/src/moto.rs in step.
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_VERSION=5.2.5
VENV=target/moto-venv

if [ -x "$VENV/bin/moto_server" ] &&
   "$VENV/bin/python" -c "import sys, moto; sys.exit(moto.__version__ != '$MOTO_VERSION')" 2>/dev/null; then
  echo "moto $MOTO_VERSION is installed: $VENV/bin/moto_server"
  exit 0
fi

rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
"$VENV/bin/moto_server" --help >/dev/null
echo "moto $MOTO_VERSION installed: $VENV/bin/moto_server"
