import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../platform/observability/logger';
import { Sandbox } from './sandbox';
import type { SandboxSnapshot } from './sandbox-state';
import { createSandboxHttpServer } from './sandbox-http-server';

export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator holds test credentials and must not be reachable from outside. */
  host?: string;
  /** Default v24.0; see `SandboxOptions.apiVersion`. */
  apiVersion?: string;
  logger?: Logger;
  webhookTimeoutMs?: number;
  requestLogCapacity?: number;
  /** Time source of the simulator clock; tests pass a frozen one. Default `Date.now`. */
  now?: () => number;
  /**
   * Where the simulated businesses, numbers and tokens are kept across restarts (read at start, written
   * when the primary account is made and at close), so a credential connected with them stays valid.
   * Unset: all in memory.
   */
  stateFile?: string;
}

export interface RunningSandbox {
  /** Origin to give `WhatsAppClient` as `baseUrl`, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/**
 * `POST /_sandbox/inbound {"phoneNumberId", "from", "text", "name"?}`: a customer writes to a sandbox
 * number; the simulator delivers the signed webhook wherever the number's callback points.
 */
async function sandboxControl(sandbox: Sandbox, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const input = (body ?? {}) as { phoneNumberId?: unknown; from?: unknown; text?: unknown; name?: unknown };
  if (path !== 'inbound') return { status: 404, body: { error: 'Unknown sandbox control; try POST /_sandbox/inbound.' } };
  if (typeof input.phoneNumberId !== 'string' || typeof input.from !== 'string' || !/^\d{6,15}$/.test(input.from) || typeof input.text !== 'string') {
    return { status: 400, body: { error: 'Send {"phoneNumberId": "...", "from": "<digits with country code>", "text": "..."}.' } };
  }
  try {
    const result = await sandbox.deliverInboundMessage({
      phoneNumberId: input.phoneNumberId,
      from: input.from,
      type: 'text',
      text: { body: input.text },
      ...(typeof input.name === 'string' ? { profileName: input.name } : {}),
    });
    return { status: 200, body: { wamid: result.wamid, deliveredTo: result.url, answeredStatus: result.status } };
  } catch (error) {
    return { status: 409, body: { error: error instanceof Error ? error.message : 'delivery failed' } };
  }
}

/** Starts the simulator's HTTP server and resolves once it listens. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new Sandbox({
    apiVersion: options.apiVersion,
    logger: options.logger,
    webhookTimeoutMs: options.webhookTimeoutMs,
    requestLogCapacity: options.requestLogCapacity,
    now: options.now,
  });
  sandbox.engine.control = (path, body) => sandboxControl(sandbox, path, body);
  const save = () => {
    if (!options.stateFile) return;
    mkdirSync(dirname(options.stateFile), { recursive: true });
    // Holds sandbox tokens and app secrets: readable by the developer only.
    writeFileSync(options.stateFile, JSON.stringify(sandbox.snapshot()), { mode: 0o600 });
  };
  if (options.stateFile && existsSync(options.stateFile)) {
    sandbox.restore(JSON.parse(readFileSync(options.stateFile, 'utf8')) as SandboxSnapshot);
  }
  if (options.stateFile) {
    sandbox.primaryAccount();
    save();
  }
  const server = createSandboxHttpServer(sandbox.engine);
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  sandbox.setBaseUrl(baseUrl);
  options.logger?.info({ baseUrl }, 'WhatsApp sandbox listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await sandbox.close();
      save();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  return { baseUrl, sandbox, close };
}
