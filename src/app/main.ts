import 'reflect-metadata';
import { constants } from 'node:os';
import { startApp, type RunningApp } from './app';
import { ConfigError, loadConfigFromProcess, type Config } from '../config';
import { signDevelopmentToken } from '../platform/identity';
import { createLogger, createProcessLogger, type Logger } from '../platform/observability/logger';

const REQUIRED_NODE_MAJOR = 24;
const DUPLICATE_SIGNAL_WINDOW_MS = 500;

/** What an operator needs to find the plugin; one JSON line in production, readable lines in development. */
async function announce(app: RunningApp, config: Config): Promise<void> {
  const where = {
    mode: config.mode,
    graphqlUrl: app.graphqlUrl,
    subscriptionsUrl: app.subscriptionsUrl,
    webhookBaseUrl: app.webhookBaseUrl,
    opsUrl: app.opsUrl,
    sandboxUrl: app.sandboxUrl,
  };
  if (config.operations.logFormat === 'json') {
    // Its own logger at info: the banner shows whatever LOG_LEVEL is, as it always has.
    createLogger('info').info(where, 'WhatsApp Connect is running');
    return;
  }
  const lines = [
    `WhatsApp Connect is running (${config.mode} mode)`,
    `  GraphQL:        ${app.graphqlUrl}`,
    `  Subscriptions:  ${app.subscriptionsUrl}`,
    `  Webhooks:       ${app.webhookBaseUrl}/<endpoint key>`,
    `  Health:         ${app.opsUrl}/healthz  ${app.opsUrl}/readyz  ${app.opsUrl}/metrics`,
  ];
  if (app.sandbox && app.sandboxUrl) {
    const account = app.sandbox.primaryAccount();
    lines.push(
      '',
      `WhatsApp sandbox (a simulated Graph API, no Meta account needed): ${app.sandboxUrl}`,
      '  A sandbox business to connect (see README, "Try it"; kept across restarts in the data folder):',
      `    businessAccountId: ${account.wabaId}`,
      `    phoneNumberId:     ${account.phoneNumberId}   (${account.displayPhoneNumber}, "${account.verifiedName}")`,
      `    accessToken:       ${account.tokens.valid}`,
      `    appSecret:         ${account.appSecret}`,
    );
  }
  if (app.developmentJwtSecret) {
    const token = await signDevelopmentToken(app.developmentJwtSecret, {
      sub: '00000000-0000-4000-8000-000000000001',
      roles: [],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      rolesClaim: config.auth.rolesClaim,
    });
    lines.push('', 'Development token (user 00000000-0000-4000-8000-000000000001, valid 12 h):', `  ${token}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * SIGTERM/SIGINT: stop accepting, finish what is in flight, stop workers and the database, exit 0. Past the
 * grace period, or on a second signal, the process exits at once with a log line saying so. Installed
 * before start-up, so a signal during start stops what has started instead of orphaning PostgreSQL.
 */
function stopOnTerminationSignals(started: Promise<RunningApp>, graceMs: number, logger: Logger): void {
  let startedAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt !== undefined) {
      // One Ctrl-C reaches us several times at once: from the terminal (to the whole process group)
      // and again from `npm` or `node --watch` passing it on. Only a later one is someone insisting.
      if (Date.now() - startedAt < DUPLICATE_SIGNAL_WINDOW_MS) return;
      logger.warn({ signal }, 'second termination signal while stopping: exiting now');
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    const stopStartedAt = Date.now();
    startedAt = stopStartedAt;
    logger.info({ signal, graceSeconds: graceMs / 1000 }, 'stopping: no new connections, finishing in-flight work');
    setTimeout(() => {
      logger.error({ graceSeconds: graceMs / 1000 }, 'still stopping after the grace period (SHUTDOWN_GRACE_SECONDS): forcing exit');
      process.exit(1);
    }, graceMs);
    started
      .then((app) => app.stop())
      .then(
        () => {
          logger.info({ durationMs: Date.now() - stopStartedAt }, 'stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'stopping failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < REQUIRED_NODE_MAJOR) {
    console.error(
      `WhatsApp Connect needs Node ${REQUIRED_NODE_MAJOR}; this is ${process.version}. Run it through npm (npm start), which uses the Node 24 that npm install put in node_modules.`,
    );
    process.exit(1);
  }
  let config;
  try {
    config = loadConfigFromProcess();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createProcessLogger(config.logLevel, config.operations.logFormat);
  const started = startApp(config, { logger });
  stopOnTerminationSignals(started, config.operations.shutdownGraceMs, logger);
  let app: RunningApp;
  try {
    app = await started;
  } catch (err) {
    logger.fatal({ err }, 'WhatsApp Connect failed to start');
    process.exit(1);
  }
  await announce(app, config);
}

main().catch((err: unknown) => {
  console.error('WhatsApp Connect failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
