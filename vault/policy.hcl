# Least privilege for the WhatsApp Connect plugin on Vault transit (mount "transit", key prefix
# "whatsapp-connect-user-"; change both here and in VAULT_TRANSIT_MOUNT / VAULT_KEY_PREFIX together).
#
# No "create" anywhere: an encrypt for a missing key is a *create* in Vault's ACL (encrypt has an
# existence check), so without it an encrypt can never silently create, or resurrect after deletion, a
# user's key. Keys are created explicitly through transit/keys/<name>, which needs only "update".
#
# No "delete", and key configuration limited to min_decryption_version (which the rewrap after a
# rotation raises): this token can neither set deletion_allowed nor delete a key, so a stolen app token
# cannot destroy users' keys. Erasure uses a second token with vault/erasure-policy.hcl.

path "transit/encrypt/whatsapp-connect-user-*" {
  capabilities = ["update"]
}

path "transit/decrypt/whatsapp-connect-user-*" {
  capabilities = ["update"]
}

path "transit/rewrap/whatsapp-connect-user-*" {
  capabilities = ["update"]
}

# Create (idempotent), read and rotate a user's key. The glob also matches .../config and .../trim;
# the more specific rules below win there.
path "transit/keys/whatsapp-connect-user-*" {
  capabilities = ["read", "update"]
}

path "transit/keys/whatsapp-connect-user-+/config" {
  capabilities = ["update"]
  allowed_parameters = {
    "min_decryption_version" = []
  }
}

path "transit/keys/whatsapp-connect-user-+/trim" {
  capabilities = ["deny"]
}

# The token's own lease: the plugin looks itself up at start and renews itself before its TTL runs out
# (Vault's "default" policy grants the same two paths; listed here so this policy is enough on its own).
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}
