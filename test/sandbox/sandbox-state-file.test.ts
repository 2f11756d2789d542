import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/platform/observability/logger';
import { startSandbox } from '../../src/adapters/sandbox';
import { WhatsAppClient } from '../../src/adapters/whatsapp';
import { onDispose } from '../support/leftovers';

test('with a state file, the sandbox\'s businesses and tokens survive a restart, so connected credentials stay valid', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'wc-sandbox-'));
  onDispose(() => rmSync(folder, { recursive: true, force: true }));
  const stateFile = join(folder, 'nested', 'sandbox.json');
  const logger = createLogger('silent');

  const first = await startSandbox({ stateFile, logger });
  const account = first.sandbox.primaryAccount();
  const extra = first.sandbox.createAccount({ businessName: 'Second Shop' });
  await first.close();
  expect(statSync(stateFile).mode & 0o777).toBe(0o600);

  const second = await startSandbox({ stateFile, logger });
  onDispose(() => second.close());
  expect(second.sandbox.primaryAccount()).toEqual(account);
  const client = new WhatsAppClient({ baseUrl: second.baseUrl, apiVersion: 'v24.0', timeoutMs: 5000, connections: 1 });
  onDispose(() => client.close());
  for (const { tokens, phoneNumberId } of [account, extra]) {
    expect((await client.debugToken(tokens.valid)).is_valid).toBe(true);
    expect((await client.getPhoneNumber(tokens.valid, phoneNumberId)).id).toBe(phoneNumberId);
  }
});

test('without a state file, every start is a new world', async () => {
  const logger = createLogger('silent');
  const first = await startSandbox({ logger });
  const account = first.sandbox.primaryAccount();
  await first.close();
  const second = await startSandbox({ logger });
  onDispose(() => second.close());
  expect(second.sandbox.primaryAccount().wabaId).not.toBe(account.wabaId);
});
