#!/bin/sh
# One-shot set-up of Vault transit for WhatsApp Connect, for the docker-compose init container (the
# hashicorp/vault image: POSIX sh + the vault CLI). Needs VAULT_ADDR and a privileged VAULT_TOKEN.
#
#   1. enables the transit engine at $TRANSIT_MOUNT unless it is already enabled;
#   2. disables upsert on the mount, so no encrypt can create (or resurrect) a key;
#   3. writes the least-privilege policy (vault/policy.hcl, mount and prefix substituted);
#   4. creates a token with only that policy and prints it, and writes it to $TOKEN_FILE when set;
#   5. writes the erasure policy (vault/erasure-policy.hcl) and creates the separate erasure token
#      (VAULT_ERASURE_TOKEN), written to $ERASURE_TOKEN_FILE when set. It alone can delete a user's key.
#
# Safe to run again: every step is idempotent except step 4, which issues a fresh token each run.
set -eu

: "${VAULT_ADDR:?VAULT_ADDR must be set}"
: "${VAULT_TOKEN:?VAULT_TOKEN must be set (a token allowed to manage mounts, policies and tokens)}"
TRANSIT_MOUNT="${TRANSIT_MOUNT:-transit}"
KEY_PREFIX="${KEY_PREFIX:-whatsapp-connect-user-}"
POLICY_NAME="${POLICY_NAME:-whatsapp-connect}"
POLICY_FILE="${POLICY_FILE:-$(dirname "$0")/policy.hcl}"
TOKEN_PERIOD="${TOKEN_PERIOD:-768h}"
TOKEN_FILE="${TOKEN_FILE:-}"
ERASURE_POLICY_NAME="${ERASURE_POLICY_NAME:-whatsapp-connect-erasure}"
ERASURE_POLICY_FILE="${ERASURE_POLICY_FILE:-$(dirname "$0")/erasure-policy.hcl}"
ERASURE_TOKEN_FILE="${ERASURE_TOKEN_FILE:-}"

export VAULT_ADDR VAULT_TOKEN

echo "waiting for Vault at ${VAULT_ADDR}..." >&2
tries=0
until vault status >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "Vault is not ready (sealed or unreachable) after 60 s" >&2
    exit 1
  fi
  sleep 1
done

if vault secrets list -format=json | grep -q "\"${TRANSIT_MOUNT}/\""; then
  echo "transit already enabled at ${TRANSIT_MOUNT}/" >&2
else
  vault secrets enable -path="${TRANSIT_MOUNT}" transit >&2
fi

vault write "${TRANSIT_MOUNT}/config/keys" disable_upsert=true >&2

# The committed policy names the default mount and prefix; substitute the configured ones.
sed -e "s#\"transit/#\"${TRANSIT_MOUNT}/#g" -e "s#whatsapp-connect-user-\\([*+]\\)#${KEY_PREFIX}\\1#g" "${POLICY_FILE}" \
  | vault policy write "${POLICY_NAME}" - >&2

# A periodic, orphan token: renewable indefinitely (node-vault's startTokenRenewal), not tied to the
# lifetime of the admin token that created it.
app_token="$(vault token create -orphan -policy="${POLICY_NAME}" -period="${TOKEN_PERIOD}" \
  -display-name=whatsapp-connect -field=token)"

if [ -n "${TOKEN_FILE}" ]; then
  umask 077
  printf '%s\n' "${app_token}" > "${TOKEN_FILE}"
  echo "wrote the app token to ${TOKEN_FILE}" >&2
fi

sed -e "s#\"transit/#\"${TRANSIT_MOUNT}/#g" -e "s#whatsapp-connect-user-\\([*+]\\)#${KEY_PREFIX}\\1#g" "${ERASURE_POLICY_FILE}" \
  | vault policy write "${ERASURE_POLICY_NAME}" - >&2
erasure_token="$(vault token create -orphan -policy="${ERASURE_POLICY_NAME}" -period="${TOKEN_PERIOD}" \
  -display-name=whatsapp-connect-erasure -field=token)"
if [ -n "${ERASURE_TOKEN_FILE}" ]; then
  umask 077
  printf '%s\n' "${erasure_token}" > "${ERASURE_TOKEN_FILE}"
  echo "wrote the erasure token to ${ERASURE_TOKEN_FILE}" >&2
fi

printf '%s\n' "${app_token}"
