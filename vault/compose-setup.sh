#!/bin/sh
# The compose `vault-setup` service: makes sure the plugin has a working least-privilege token in
# $TOKEN_FILE. When the file already holds a token Vault accepts, nothing is done (no admin token
# needed on later starts). Otherwise init.sh runs with VAULT_SETUP_TOKEN (an admin token, e.g. the
# root token `vault operator init` printed): transit, disable_upsert, the policy, and a fresh token.
set -eu
: "${VAULT_ADDR:?VAULT_ADDR must be set}"
: "${TOKEN_FILE:?TOKEN_FILE must be set}"

if [ -s "${TOKEN_FILE}" ] && VAULT_TOKEN="$(cat "${TOKEN_FILE}")" vault token lookup >/dev/null 2>&1; then
  echo "the plugin's Vault token in ${TOKEN_FILE} is valid: nothing to do" >&2
  exit 0
fi

if [ -z "${VAULT_SETUP_TOKEN:-}" ]; then
  echo "no valid plugin token yet: set VAULT_SETUP_TOKEN to an admin token (see docs/operations.md)" >&2
  exit 1
fi
VAULT_TOKEN="${VAULT_SETUP_TOKEN}" /bin/sh "$(dirname "$0")/init.sh" >/dev/null
# The plugin image runs as the unprivileged `node` user (uid 1000): the token is for it alone.
chown "${PLUGIN_UID:-1000}" "${TOKEN_FILE}"
chmod 0400 "${TOKEN_FILE}"
