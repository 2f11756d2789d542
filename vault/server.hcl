# Vault server for the production compose file: file storage on a named volume, so keys survive restarts
# and `docker compose down`. Vault starts sealed: initialise it once and unseal it after every restart
# (docs/operations.md, "Vault: initialise and unseal"). The listener is plain HTTP on the compose network
# only (no port is published); across hosts, give it TLS (tls_cert_file / tls_key_file) and use https in
# VAULT_ADDR.
storage "file" {
  path = "/vault/file"
}

listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = true
}

api_addr     = "http://vault:8200"
ui           = false
disable_mlock = true
