import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import type { Logger } from '../../platform/observability/logger';
import { EmbeddedKeyring } from './embedded-keyring';
import type { KeyBackend } from './key-backend';
import { loadMasterKey } from './master-key';
import { VaultTransitBackend } from './vault-transit-backend';

export interface CreateKeyBackendOptions {
  config: Config;
  /** Only used by the embedded keyring. */
  orm: MikroORM;
  logger: Logger;
}

/**
 * Vault transit when VAULT_ADDR is set, the embedded PostgreSQL keyring otherwise. Start-up never fails
 * because Vault is briefly unreachable; it fails only on configuration that can never work (production
 * without a keyring master key).
 */
export async function createKeyBackend({ config, orm, logger }: CreateKeyBackendOptions): Promise<KeyBackend> {
  const keys = config.keys;
  if (keys.backend === 'vault') {
    const backend = new VaultTransitBackend(keys);
    const upsert = await backend.upsertStatus();
    if (upsert === 'enabled') {
      logger.warn(
        { mount: keys.mount },
        'Vault transit upsert is enabled on this mount: a token with "create" could recreate a deleted user key. ' +
          'Run `vault write <mount>/config/keys disable_upsert=true` (vault/init.sh does).',
      );
    }
    if (!keys.erasureToken) {
      logger.warn(
        'VAULT_ERASURE_TOKEN is not set: erasing a user\'s key will be refused by the least-privilege policy ' +
          '(vault/policy.hcl cannot delete keys). Issue a token with vault/erasure-policy.hcl (vault/init.sh does).',
      );
    }
    logger.info({ backend: 'vault', address: keys.address, mount: keys.mount, upsert }, 'key backend ready');
    backend.startTokenRenewal(logger);
    return backend;
  }
  const masterKey = await loadMasterKey({
    masterKey: keys.masterKey,
    masterKeyFile: keys.masterKeyFile,
    mode: config.mode,
    logger,
  });
  logger.info({ backend: 'embedded' }, 'key backend ready');
  return new EmbeddedKeyring({ orm, masterKey, previousMasterKeys: keys.previousMasterKeys });
}
