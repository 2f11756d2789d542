import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentRuntimeClient, startAgentInboundWorker } from './agents';
import { AUDIT_EXPORT_PATH, createAuditExportHandler, sweepAuditLog } from './audit';
import type { Config } from './config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded-database';
import { createOrm, isSchemaCurrent, migrateToLatest } from './db/orm';
import { createEventBus, PostgresEventTarget } from './events';
import type { AppServices } from './graphql/app-services';
import { buildSubgraph } from './graphql/build-subgraph-schema';
import type { GraphQLContext } from './graphql/context';
import { formatError } from './graphql/format-error';
import { operationLoggingPlugin } from './graphql/plugins/operation-logging.plugin';
import { queryLimitsPlugin } from './graphql/plugins/query-limits.plugin';
import { ORPHANED_TYPES, REFERENCE_RESOLVERS, RESOLVERS } from './graphql/resolvers';
import { startWebSocketServer } from './graphql/websocket-server';
import { apolloNodeHandler } from './http/apollo-node-handler';
import { requestIdOf } from './http/request-id';
import { createRequestListener } from './http/request-listener';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET, type Viewer } from './identity';
import { AgentOwnership } from './agents/agent-ownership';
import { CredentialCircuitBreaker, CredentialLifecycle, readCredentialSecrets, requestCredentialHealthCheck, registerAlertEmailJobs, registerHealthCheckJobs } from './credentials';
import { JobQueue, QueueName } from './jobs';
import { mutationRateLimitPlugin, Pacer, PostgresRateLimiter } from './rate-limits';
import { CiphertextRegistry, KeyRotation, credentialCiphertextColumns } from './key-rotation';
import { KeyService, createKeyBackend } from './keys';
import { SendLedger } from './messaging/send-ledger';
import { createLogger, type Logger } from './observability/logger';
import { startSandbox, type Sandbox } from './sandbox';
import { UserErasure } from './user-erasure';
import { registerPlatformCredentialSync } from './platform-migration';
import { WhatsAppClient } from './whatsapp';
import { createMetrics } from './observability/metrics';
import { createWebhooksModule, enqueueWebhookConfiguration, provisionWebhookEndpoint, teardownWebhookConfiguration, type WebhooksModule } from './webhooks';

export const GRAPHQL_PATH = '/graphql';

export interface RunningApp {
  /** http://host:port the plugin listens on. */
  url: string;
  graphqlUrl: string;
  subscriptionsUrl: string;
  /** The base every webhook endpoint URL is built on. */
  webhookBaseUrl: string;
  /** The JWT secret in force; only set when the development default is used. */
  developmentJwtSecret?: string;
  /** The local WhatsApp simulator's base URL when sandbox mode is on. */
  sandboxUrl?: string;
  sandbox?: Sandbox;
  orm: MikroORM;
  services: AppServices;
  webhooks: WebhooksModule;
  logger: Logger;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  logger?: Logger;
}

/**
 * The composition root: the one place that builds real infrastructure (database, key service, WhatsApp
 * client, queue, HTTP and WebSocket servers) and wires it into the domains. It returns the running graph
 * instead of exporting globals, so tests start as many independent instances as they need.
 */
export async function startApp(config: Config, options: StartAppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const stack: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    while (stack.length > 0) {
      const step = stack.pop()!;
      await step().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
    }
  };

  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const embedded: EmbeddedDatabase = await startEmbeddedDatabase({
        dataDir: config.database.embeddedDir,
        port: config.database.embeddedPort,
        logger,
      });
      stack.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }

    const orm = await createOrm({
      clientUrl: databaseUrl,
      schema: config.database.schema,
      poolMax: config.database.poolMax,
      log: (message) => logger.info({ orm: message }, 'database'),
    });
    stack.push(() => orm.close(true));
    if (config.database.migrateOnStart) await migrateToLatest(orm, config.database.schema);

    const eventTarget = new PostgresEventTarget(databaseUrl, `${config.database.schema}_events`, logger);
    stack.push(() => eventTarget.close());
    await eventTarget.ready();
    const eventBus = createEventBus(eventTarget);

    let jwtSecret = config.auth.jwtSecret;
    let developmentJwtSecret: string | undefined;
    if (!jwtSecret && !config.auth.jwksUrl) {
      // loadConfig refuses this combination in production.
      logger.warn('AUTH_JWT_SECRET is unset: using the public development secret. Never do this in production.');
      jwtSecret = developmentJwtSecret = DEVELOPMENT_JWT_SECRET;
    }
    const verifyToken = createTokenVerifier({
      ...config.auth,
      jwtSecret,
      agentsClaim: config.agentOwnership.mode === 'claim' ? config.agentOwnership.claim : undefined,
    });

    let graphBaseUrl = config.whatsapp.graphBaseUrl;
    let sandbox: Sandbox | undefined;
    let sandboxUrl: string | undefined;
    if (config.whatsapp.sandbox) {
      const running = await startSandbox({ port: config.whatsapp.sandboxPort, apiVersion: config.whatsapp.apiVersion, logger });
      stack.push(() => running.close());
      sandbox = running.sandbox;
      sandboxUrl = graphBaseUrl = running.baseUrl;
    }
    if (!graphBaseUrl) throw new Error('WHATSAPP_GRAPH_BASE_URL is unset and the sandbox is off');
    const whatsapp = new WhatsAppClient({
      baseUrl: graphBaseUrl,
      apiVersion: config.whatsapp.apiVersion,
      timeoutMs: config.whatsapp.timeoutMs,
      connections: config.whatsapp.poolConnections,
    });
    stack.push(() => whatsapp.close());

    const keyBackend = await createKeyBackend({ config, orm, logger });
    const keys = new KeyService({ backend: keyBackend, cache: config.secretCache });
    stack.push(() => keys.close());

    // Created before the queue so that it closes after the queue's workers have stopped.
    const { agentRuntime: runtimeSettings } = config;
    const agentRuntime =
      runtimeSettings.url && runtimeSettings.secret
        ? new AgentRuntimeClient({ url: runtimeSettings.url, secret: runtimeSettings.secret, timeoutMs: runtimeSettings.timeoutMs })
        : null;
    if (agentRuntime) stack.push(() => agentRuntime.close());

    const jobs = await JobQueue.start({
      connectionString: databaseUrl,
      schema: `${config.database.schema}_jobs`,
      logger,
      pollingIntervalSeconds: config.jobs.pollingIntervalSeconds,
    });
    stack.push(() => jobs.stop());

    // Every place ciphertexts made with a user's key are stored: a domain adding one registers it here.
    const ciphertexts = new CiphertextRegistry([credentialCiphertextColumns]);
    const keyRotation = new KeyRotation({
      orm,
      keys,
      jobs,
      logger,
      ciphertexts,
      rewrapGraceSeconds: config.keyRotation.rewrapGraceSeconds,
      maintenance: { maxAgeDays: config.keyRotation.maxAgeDays, cron: config.keyRotation.maintenanceCron },
    });
    await keyRotation.startWorkers();
    // Only queues jobs (one query when nothing is left to bind); the binding itself runs in the background.
    await keyRotation.enqueueBindingRewraps();
    const userErasure = new UserErasure({ orm, keys, logger, keyRotation });

    const rateLimiter = new PostgresRateLimiter(orm);
    const credentialLifecycle = new CredentialLifecycle(orm.em);
    const agentOwnership = new AgentOwnership(config.agentOwnership);
    stack.push(() => agentOwnership.close());
    const services: AppServices = {
      orm,
      eventBus,
      whatsapp,
      keys,
      jobs,
      config,
      logger,
      credentialLifecycle,
      rateLimiter,
      sendLedger: new SendLedger(orm),
      outbound: { pacer: new Pacer(rateLimiter), breaker: new CredentialCircuitBreaker() },
      keyRotation,
      userErasure,
      agentOwnership,
      publicUrls: { webhookBase: '' },
    };
    // Erasing a user removes what hangs on each credential at Meta first (its token is still readable).
    userErasure.onBeforeErase({
      name: 'credential-lifecycle',
      run: async ({ credentials, em }) => {
        for (const credential of credentials) {
          await credentialLifecycle.beginDeletion(credential, await readCredentialSecrets(em, keys, credential));
        }
      },
      abandon: ({ credentialIds }) => credentialLifecycle.abandonDeletion(credentialIds),
    });
    // A deletion that did not happen may have torn down Meta's configuration: set it up again.
    credentialLifecycle.onRestored((credentialId) =>
      enqueueWebhookConfiguration(jobs, null, credentialId),
    );
    credentialLifecycle.onConnected((em, credential) =>
      provisionWebhookEndpoint(em, jobs, credential, services.publicUrls.webhookBase).then(() => undefined),
    );
    await registerHealthCheckJobs(services);
    await jobs.define(QueueName.RateLimitCleanup, {}, async () => {
      await rateLimiter.deleteIdle(3600);
    });
    await jobs.schedule(QueueName.RateLimitCleanup, '17 * * * *', {});
    await jobs.define(QueueName.AuditRetention, {}, async () => {
      const deleted = await sweepAuditLog(orm, { retentionDays: config.audit.retentionDays });
      if (deleted > 0) logger.info({ deleted, retentionDays: config.audit.retentionDays }, 'deleted audit entries past retention');
    });
    await jobs.schedule(QueueName.AuditRetention, config.keyRotation.maintenanceCron, {});
    const closeMail = await registerAlertEmailJobs(services);
    stack.push(async () => closeMail());
    await startAgentInboundWorker(services, agentRuntime);
    const schema = await buildSubgraph({
      resolvers: RESOLVERS,
      orphanedTypes: ORPHANED_TYPES,
      referenceResolvers: REFERENCE_RESOLVERS,
      pubSub: eventBus,
    });
    const metrics = createMetrics();
    const webhooks = createWebhooksModule({
      services,
      databaseUrl,
      metrics,
      onCredentialFailure: ({ credentialId }) => requestCredentialHealthCheck(services, credentialId),
    });
    // Disconnecting a credential first removes its configuration at Meta (best effort: problems are logged
    // and the deletion goes on, so a dead token never traps a user's data).
    credentialLifecycle.onDeleting(async (credential, secrets) => {
      await teardownWebhookConfiguration({ whatsapp, keys, logger }, orm.em.fork(), credential, { secrets });
    });
    stack.push(() => webhooks.stop());

    const contextFor = (viewer: Viewer | null, requestId: string): GraphQLContext => {
      let requestLogger: Logger | undefined;
      return {
        em: orm.em.fork(),
        viewer,
        requestId,
        // Made on first use: most requests log nothing, and a child logger per request is not free.
        get logger() {
          return (requestLogger ??= logger.child({ requestId }));
        },
        services,
      };
    };

    const httpServer: Server = createServer({ keepAliveTimeout: 65_000 });
    const apollo = new ApolloServer<GraphQLContext>({
      schema,
      introspection: config.graphql.introspection,
      formatError,
      logger,
      includeStacktraceInErrorResponses: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        config.graphql.landingPage
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
          : ApolloServerPluginLandingPageDisabled(),
        operationLoggingPlugin(metrics),
        queryLimitsPlugin(() => schema, config.graphql),
        mutationRateLimitPlugin(rateLimiter, {
          perSecond: config.rateLimits.userMutationsPerMinute / 60,
          burst: config.rateLimits.userMutationsPerMinute,
        }),
        { serverWillStart: async () => ({ drainServer: async () => ws.dispose() }) },
      ],
    });
    const ws = startWebSocketServer({
      httpServer,
      path: GRAPHQL_PATH,
      schema,
      authenticate: (authorization) => verifyToken(authorization),
      createContext: (viewer) => contextFor(viewer, `ws-${randomUUID()}`),
    });
    await apollo.start();
    stack.push(() => apollo.stop());

    const auditExport = createAuditExportHandler({ orm, verifyToken, logger });
    const listener = createRequestListener({
      graphqlPath: GRAPHQL_PATH,
      graphql: apolloNodeHandler(apollo, async (req) => {
        const requestId = requestIdOf(req);
        let viewer: Viewer | null = null;
        if (req.headers.authorization) viewer = await verifyToken(req.headers.authorization).catch(() => null);
        return contextFor(viewer, requestId);
      }),
      webhookPrefix: config.webhooks.pathPrefix,
      webhook: webhooks.route,
      isReady: async () => {
        await orm.em.getConnection().execute('select 1');
        return isSchemaCurrent(orm);
      },
      metrics,
      logger,
    });
    httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
      // The administrators' audit export streams its own response; everything else goes to the router.
      const url = new URL(req.url ?? '/', 'http://plugin.invalid');
      if (url.pathname !== AUDIT_EXPORT_PATH) return listener(req, res);
      auditExport(req, res, url).catch((err: unknown) => {
        logger.error({ err }, 'audit export failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'INTERNAL_SERVER_ERROR' } }));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;
    const publicBase = config.publicBaseUrl ?? url;
    services.publicUrls.webhookBase = `${publicBase}${config.webhooks.pathPrefix}`;
    await webhooks.startWorkers();
    // After listening: the platform credential's webhook endpoint is built on the public base URL.
    await registerPlatformCredentialSync(services);

    return {
      url,
      graphqlUrl: `${url}${GRAPHQL_PATH}`,
      subscriptionsUrl: `${url.replace(/^http/, 'ws')}${GRAPHQL_PATH}`,
      webhookBaseUrl: services.publicUrls.webhookBase,
      developmentJwtSecret,
      sandboxUrl,
      sandbox,
      orm,
      services,
      webhooks,
      logger,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
