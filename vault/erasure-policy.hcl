# The privileged path for crypto-shredding one user's key (GDPR erasure), kept apart from the app's
# everyday token (vault/policy.hcl), which cannot delete keys. The plugin uses this token
# (VAULT_ERASURE_TOKEN) for exactly two calls, and only in the erasure of a user:
#   POST   transit/keys/<name>/config  {"deletion_allowed": true}
#   DELETE transit/keys/<name>
# It cannot encrypt, decrypt, rewrap, rotate or change any other key setting.

path "transit/keys/whatsapp-connect-user-+/config" {
  capabilities = ["update"]
  allowed_parameters = {
    "deletion_allowed" = ["true"]
  }
}

path "transit/keys/whatsapp-connect-user-*" {
  capabilities = ["delete"]
}

path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}
