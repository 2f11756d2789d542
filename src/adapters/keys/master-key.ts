import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Logger } from '../../platform/observability/logger';
import { MasterKeyError } from './key-errors';

export interface MasterKeyOptions {
  /** KEYRING_MASTER_KEY, decoded. Wins over the file when set. */
  masterKey?: Buffer;
  /** Where a development master key is kept (and generated when missing). */
  masterKeyFile: string;
  mode: 'development' | 'production' | 'test';
  logger: Logger;
}

const MASTER_KEY_BYTES = 32;

/**
 * The embedded keyring's key-encryption key. In production it must come from configuration: a key file
 * generated next to the data would make the database and the key that protects it one backup.
 * Elsewhere a missing key is generated once into a 0600 file so local runs keep their secrets readable.
 */
export async function loadMasterKey(options: MasterKeyOptions): Promise<Buffer> {
  if (options.masterKey) {
    if (options.masterKey.length !== MASTER_KEY_BYTES) throw MasterKeyError.wrongLength('KEYRING_MASTER_KEY', options.masterKey.length);
    return options.masterKey;
  }
  if (options.mode === 'production') throw MasterKeyError.missingInProduction();

  const file = options.masterKeyFile;
  const existing = await readKeyFile(file, options.logger);
  if (existing) return existing;

  const key = randomBytes(MASTER_KEY_BYTES);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Write a complete temporary file, then link it into place: link() is atomic and fails if the target
  // exists, so two processes starting at once never see a half-written key or each keep their own.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await chmod(temporary, 0o600);
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readKeyFile(file, options.logger);
    if (raced) return raced;
    throw MasterKeyError.unreadableFile(file);
  } finally {
    await unlink(temporary);
  }
  options.logger.warn(
    { file },
    'GENERATED A NEW KEYRING MASTER KEY for the embedded keyring (development only). Every stored secret is ' +
      'encrypted under it: losing this file makes them unreadable. Production requires KEYRING_MASTER_KEY or Vault.',
  );
  return key;
}

async function readKeyFile(file: string, logger: Logger): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const encoded = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(encoded)) throw MasterKeyError.unreadableFile(file);
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    logger.warn({ file, mode: (mode & 0o777).toString(8) }, 'The keyring master key file is readable by other users; chmod 600 it.');
  }
  return Buffer.from(encoded, 'base64');
}
