import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfigFromProcess } from './config';
import { signDevelopmentToken } from './identity';
import { createLogger } from './observability/logger';

const REQUIRED_NODE_MAJOR = 24;

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
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, { logger });

  const lines = [
    `WhatsApp Connect is running (${config.mode} mode)`,
    `  GraphQL:        ${app.graphqlUrl}`,
    `  Subscriptions:  ${app.subscriptionsUrl}`,
    `  Webhooks:       ${app.webhookBaseUrl}/<endpoint key>`,
    `  Health:         ${app.url}/healthz  ${app.url}/readyz  ${app.url}/metrics`,
  ];
  if (app.sandbox && app.sandboxUrl) {
    const account = app.sandbox.createAccount({});
    lines.push(
      '',
      `WhatsApp sandbox (a simulated Graph API, no Meta account needed): ${app.sandboxUrl}`,
      '  A sandbox business to connect (see README, "Try it"):',
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

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining connections');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('WhatsApp Connect failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
