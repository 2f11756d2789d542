# Least privilege for the WhatsApp Connect plugin on Vault transit (mount "transit", key prefix
# "whatsapp-connect-user-"; change both here and in VAULT_TRANSIT_MOUNT / VAULT_KEY_PREFIX together).
#
# No "create" anywhere: an encrypt for a missing key is a *create* in Vault's ACL (encrypt has an
# existence check), so without it an encrypt can never silently create, or resurrect after deletion, a
# user's key. Keys are created explicitly through transit/keys/<name>, which needs only "update".
# "*" is a prefix glob, so the keys rule also covers .../config and .../rotate.

path "transit/encrypt/whatsapp-connect-user-*" {
  capabilities = ["update"]
}

path "transit/decrypt/whatsapp-connect-user-*" {
  capabilities = ["update"]
}

path "transit/rewrap/whatsapp-connect-user-*" {
  capabilities = ["update"]
}

path "transit/keys/whatsapp-connect-user-*" {
  capabilities = ["read", "update", "delete"]
}

# The token's own lease: the plugin looks itself up at start and renews itself before its TTL runs out
# (Vault's "default" policy grants the same two paths; listed here so this policy is enough on its own).
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}
