import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../observability/logger';
import { Sandbox } from './sandbox';
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
}

export interface RunningSandbox {
  /** Origin to give `WhatsAppClient` as `baseUrl`, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  sandbox: Sandbox;
  close(): Promise<void>;
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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  return { baseUrl, sandbox, close };
}
