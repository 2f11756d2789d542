import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentRuntimeClient, inboundAgents, startAgentInboundWorker } from '../agents';
import { FailureAlertKind, FailureAlerts, registerFailureDigestJob } from '../alerts';
import { AUDIT_EXPORT_PATH, createAuditExportHandler, sweepAuditLog } from '../audit';
import type { Config } from '../config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../platform/db/embedded-database';
import { isSchemaCurrent, migrateToLatest } from '../platform/db/orm';
import { createPluginOrm } from './database';
import { createEventBus, PostgresEventTarget, type EventBus } from '../platform/events';
import type { AppEvents } from './app-events';
import { ErrorCode } from '../platform/errors';
import type { AppServices } from './app-services';
import { buildSubgraph } from '../platform/graphql/build-subgraph-schema';
import type { GraphQLContext } from '../platform/graphql/context';
import { formatError } from '../platform/graphql/format-error';
import { operationLoggingPlugin } from '../platform/graphql/plugins/operation-logging.plugin';
import { operationPipelinePlugin } from '../platform/graphql/plugins/operation-pipeline.plugin';
import { OperationGate } from '../platform/graphql/operation-gate';
import { limitRules, operationLimits, parseOptionsFor } from '../platform/graphql/operation-limits';
import { ORPHANED_TYPES, REFERENCE_RESOLVERS, resolverContainer, subgraphResolvers } from './resolvers';
import { startWebSocketServer } from '../platform/graphql/websocket-server';
import { apolloNodeHandler, MAX_GRAPHQL_BODY_BYTES } from '../platform/http/apollo-node-handler';
import { requestIdOf } from '../platform/http/request-id';
import { createRequestListener, type RequestListenerOptions } from '../platform/http/request-listener';
import { applyServerTimeouts, connectionsCheckingIntervalFor, drainServer } from '../platform/http/server-timeouts';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET, type Viewer } from '../platform/identity';
import { AgentOwnership } from '../agents/agent-ownership';
import { CircuitState, CredentialCircuitBreaker, CredentialLifecycle, readCredentialSecrets, requestCredentialHealthCheck, registerAlertEmailJobs, registerHealthCheckJobs } from '../credentials';
import { JobQueue, QueueName, queueSettings } from '../platform/jobs';
import { mutationCharge, Pacer, PostgresRateLimiter } from '../rate-limits';
import { CiphertextRegistry, KeyRotation, credentialCiphertextColumns } from '../key-rotation';
import { createMailer, type Mailer } from '../adapters/email';
import { KeyService, createKeyBackend } from '../adapters/keys';
import { createS3ObjectStore, type ObjectStore } from '../adapters/object-storage';
import { SendLedger } from '../messaging/send-ledger';
import { createMediaRoute, createMediaUploadRoute, mediaObjectKey, mediaUserPrefix, registerMediaCopyJob } from '../media';
import { createLogger, type Logger } from '../platform/observability/logger';
import { startSandbox, type Sandbox } from '../adapters/sandbox';
import { UserErasure, UserErasureTopic } from '../user-erasure';
import { registerPlatformCredentialSync } from '../platform-migration';
import { registerTemplateSyncJobs, requestTemplateSync } from '../templates';
import { WhatsAppClient } from '../adapters/whatsapp';
import { instrumentMethods } from '../platform/observability/instrument';
import { createMetrics, type Metrics } from '../platform/observability/metrics';
import { scrapedCounts } from '../platform/observability/scraped-counts';
import { currentRequest, outboundRequestHeaders } from '../platform/observability/request-context';
import { observeGraphqlWs, operationMetricsPlugin } from '../platform/graphql/operation-metrics';
import { createWebhooksModule, enqueueWebhookConfiguration, provisionWebhookEndpoint, teardownWebhookConfiguration, type WebhooksModule } from '../webhooks';

export const GRAPHQL_PATH = '/graphql';

export interface RunningApp {
  /** http://host:port the plugin listens on. */
  url: string;
  /** Where /healthz, /readyz and /metrics are served (OPS_PORT, or `url`). */
  opsUrl: string;
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

/** Steps run on stop, last registered first. */
type StopSteps = Array<() => Promise<unknown>>;

/** What every domain is built on: the database, the bus, the adapters, the queue. */
interface Infrastructure {
  databaseUrl: string;
  orm: MikroORM;
  eventBus: EventBus<AppEvents>;
  verifyToken: ReturnType<typeof createTokenVerifier>;
  developmentJwtSecret?: string;
  sandbox?: Sandbox;
  sandboxUrl?: string;
  whatsapp: WhatsAppClient;
  /** Meta's Graph API origin, or the sandbox's. */
  graphBaseUrl: string;
  keys: KeyService;
  mailer: Mailer;
  agentRuntime: AgentRuntimeClient | null;
  jobs: JobQueue;
  /** The operator's bucket for copies of inbound media; absent unless MEDIA_STORE_S3_BUCKET is set. */
  mediaStore?: ObjectStore;
}

/** The wired domains: the services object resolvers and jobs receive, and what the surface needs of them. */
interface Domains {
  services: AppServices;
  userErasure: UserErasure;
  rateLimiter: PostgresRateLimiter;
  webhooks: WebhooksModule;
}

/** The HTTP listeners: the main one, and the webhook and ops ones when the operator split them off. */
interface Servers {
  httpServer: Server;
  webhookServer?: Server;
  opsServer?: Server;
}

/**
 * The composition root: the one place that builds real infrastructure (database, key service, WhatsApp
 * client, queue, HTTP and WebSocket servers) and wires it into the domains. It returns the running graph
 * instead of exporting globals, so tests start as many independent instances as they need.
 */
export async function startApp(config: Config, options: StartAppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const stack: StopSteps = [];
  let stopping: Promise<void> | undefined;
  // Once: a second stop (a signal during a test's own stop) waits for the first instead of racing it.
  const stopAll = () =>
    (stopping ??= (async () => {
      while (stack.length > 0) {
        const step = stack.pop()!;
        await step().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
      }
    })());
  const metrics = createMetrics();

  try {
    const infrastructure = await startInfrastructure(config, logger, metrics, stack);
    const domains = await startDomains(config, logger, metrics, infrastructure, stack);
    const servers = await startSurface(config, logger, metrics, infrastructure, domains, stack);
    const { url, opsUrl } = await listenAndStartWork(config, servers, domains);
    const { services, webhooks } = domains;
    return {
      url,
      opsUrl,
      graphqlUrl: `${url}${GRAPHQL_PATH}`,
      subscriptionsUrl: `${url.replace(/^http/, 'ws')}${GRAPHQL_PATH}`,
      webhookBaseUrl: services.publicUrls.webhookBase,
      developmentJwtSecret: infrastructure.developmentJwtSecret,
      sandboxUrl: infrastructure.sandboxUrl,
      sandbox: infrastructure.sandbox,
      orm: infrastructure.orm,
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

/** The database (embedded when DATABASE_URL is unset), the event bus, identity, the adapters and the queue. */
async function startInfrastructure(config: Config, logger: Logger, metrics: Metrics, stack: StopSteps): Promise<Infrastructure> {
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

  const orm = await createPluginOrm({
    clientUrl: databaseUrl,
    schema: config.database.schema,
    poolMax: config.database.poolMax,
    log: (message) => logger.info({ orm: message }, 'database'),
  });
  stack.push(() => orm.close(true));
  if (config.database.migrateOnStart) {
    await migrateToLatest(orm, config.database.schema, { log: (message) => logger.info({ orm: message }, 'database') });
  }

  const eventTarget = new PostgresEventTarget(databaseUrl, `${config.database.schema}_events`, logger);
  stack.push(() => eventTarget.close());
  await eventTarget.ready();
  const eventBus = createEventBus<AppEvents>(eventTarget);

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
    const running = await startSandbox({
      port: config.whatsapp.sandboxPort,
      apiVersion: config.whatsapp.apiVersion,
      logger,
      stateFile: config.whatsapp.sandboxStateFile,
    });
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
    headers: outboundRequestHeaders,
    observe: ({ method, endpoint, seconds, errorCode }) => {
      metrics.graphRequestSeconds.observe({ method, endpoint, outcome: errorCode ? 'error' : 'ok' }, seconds);
      if (errorCode) metrics.graphRequestErrors.inc({ method, endpoint, code: errorCode });
    },
  });
  stack.push(() => whatsapp.close());

  const keyBackend = instrumentMethods(
    await createKeyBackend({ config, orm, logger }),
    ['ensureKey', 'encrypt', 'decrypt', 'rewrap', 'rotate', 'setMinDecryptionVersion', 'keyInfo', 'deleteKey'],
    (operation, seconds, error) => {
      metrics.keyStoreSeconds.observe({ backend: config.keys.backend, operation }, seconds);
      if (error) metrics.keyStoreErrors.inc({ backend: config.keys.backend, operation, error: error instanceof Error ? error.name : 'unknown' });
    },
  );
  const keys = new KeyService({ backend: keyBackend, cache: config.secretCache });
  stack.push(() => keys.close());

  // Created before the queue so that they close after the queue's workers have stopped.
  const mailer = createMailer(config.email);
  stack.push(() => mailer.close());
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
    queues: queueSettings(config),
  });
  stack.push(() => jobs.stop());
  const mediaStore = config.media.store ? createS3ObjectStore({ ...config.media.store, timeoutMs: config.whatsapp.timeoutMs, logger }) : undefined;
  if (mediaStore) stack.push(async () => mediaStore.close());
  return { databaseUrl, orm, eventBus, verifyToken, developmentJwtSecret, sandbox, sandboxUrl, whatsapp, graphBaseUrl, keys, mailer, agentRuntime, jobs, mediaStore };
}

/** Every domain, its jobs and the hooks between domains, wired on the infrastructure. */
async function startDomains(config: Config, logger: Logger, metrics: Metrics, infrastructure: Infrastructure, stack: StopSteps): Promise<Domains> {
  const { databaseUrl, orm, eventBus, whatsapp, keys, mailer, jobs, agentRuntime } = infrastructure;
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

  const rateLimiter = new PostgresRateLimiter(orm, { onRefused: (limit) => metrics.rateLimitRefusals.inc({ limit }) });
  const credentialLifecycle = new CredentialLifecycle(orm.em);
  const agentOwnership = new AgentOwnership(config.agentOwnership);
  stack.push(() => agentOwnership.close());
  const failureAlerts = new FailureAlerts({ orm, eventBus, jobs, logger, windowSeconds: config.failureAlerts.windowSeconds });
  const breaker = new CredentialCircuitBreaker();
  breaker.onTransition((change) =>
    failureAlerts.record([{
      userId: change.userId,
      credentialId: change.credentialId,
      kind: change.state === CircuitState.OPEN ? FailureAlertKind.CIRCUIT_OPENED : FailureAlertKind.CIRCUIT_CLOSED,
      at: change.at,
    }]),
  );
  const services: AppServices = {
    orm,
    eventBus,
    whatsapp,
    keys,
    jobs,
    mailer,
    config,
    logger,
    credentialLifecycle,
    rateLimiter,
    sendLedger: new SendLedger(orm),
    outbound: { pacer: new Pacer(rateLimiter), breaker },
    failureAlerts,
    keyRotation,
    userErasure,
    metrics,
    agentOwnership,
    publicUrls: { webhookBase: '', mediaBase: '' },
  };
  metrics.countFrom(scrapedCounts(orm, config.database.schema));
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
  // A new number's templates are read as soon as it is connected, so its template sends are checked at once.
  credentialLifecycle.onConnected((em, credential) => requestTemplateSync(jobs, credential.id, em));
  await registerHealthCheckJobs(services);
  await registerTemplateSyncJobs(services);
  await jobs.define(QueueName.RateLimitCleanup, async () => {
    await rateLimiter.deleteIdle(3600);
  });
  await jobs.schedule(QueueName.RateLimitCleanup, '17 * * * *', {});
  await jobs.define(QueueName.AuditRetention, async () => {
    const deleted = await sweepAuditLog(orm, { retentionDays: config.audit.retentionDays });
    if (deleted > 0) logger.info({ deleted, retentionDays: config.audit.retentionDays }, 'deleted audit entries past retention');
  });
  await jobs.schedule(QueueName.AuditRetention, config.keyRotation.maintenanceCron, {});
  await registerAlertEmailJobs(services);
  await failureAlerts.registerJobs();
  await registerFailureDigestJob({ orm, jobs, logger, mailer, digestHourUtc: config.failureAlerts.digestHourUtc });
  const { role } = config.operations;
  // Agent replies are inbound work: they follow the inbox onto the instances that process it.
  if (role !== 'receive') await startAgentInboundWorker(services, agentRuntime);
  const { mediaStore } = infrastructure;
  if (mediaStore) {
    if (role !== 'receive') {
      await registerMediaCopyJob({
        orm, keys, whatsapp, logger, jobs, store: mediaStore, graphBaseUrl: infrastructure.graphBaseUrl, timeoutMs: config.whatsapp.timeoutMs, maxBytes: config.media.maxBytes,
      });
    }
    // Best effort like every hook: a bucket that is away is reported in `hooksFailed` (docs/media.md).
    userErasure.onBeforeErase({ name: 'media-copies', run: async ({ userId }) => void (await mediaStore.deleteByPrefix(mediaUserPrefix(userId))) });
  }
  const webhooks = createWebhooksModule({
    services,
    agents: inboundAgents,
    databaseUrl,
    metrics,
    onCredentialFailure: ({ credentialId }) => requestCredentialHealthCheck(services, credentialId),
    failureAlerts,
    onMediaCopiesDeleted: mediaStore ? (messages) => mediaStore.deleteKeys(messages.map(mediaObjectKey)) : undefined,
  });
  // Disconnecting a credential first removes its configuration at Meta (best effort: problems are logged
  // and the deletion goes on, so a dead token never traps a user's data).
  credentialLifecycle.onDeleting(async (credential, secrets) => {
    await teardownWebhookConfiguration({ whatsapp, keys, logger }, orm.em.fork(), credential, { secrets });
  });
  stack.push(() => webhooks.stop());
  return { services, userErasure, rateLimiter, webhooks };
}

/** The GraphQL schema, Apollo, graphql-ws and the HTTP routers, on servers not listening yet. */
async function startSurface(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  infrastructure: Infrastructure,
  domains: Domains,
  stack: StopSteps,
): Promise<Servers> {
  const { orm, eventBus, verifyToken, keys, whatsapp, graphBaseUrl } = infrastructure;
  const { services, userErasure, rateLimiter, webhooks } = domains;
  const { role } = config.operations;
  const schema = await buildSubgraph({
    resolvers: subgraphResolvers(services),
    orphanedTypes: ORPHANED_TYPES,
    referenceResolvers: REFERENCE_RESOLVERS,
    pubSub: eventBus,
    container: resolverContainer(services),
    deprecatedFields: config.graphql.deprecatedFields,
  });
  const contextFor = (viewer: Viewer | null, requestId: string, remoteAddress: string | undefined): GraphQLContext => {
    let requestLogger: Logger | undefined;
    const request = currentRequest();
    if (request && viewer) request.userId = viewer.userId;
    return {
      em: orm.em.fork(),
      viewer,
      requestId,
      remoteAddress,
      // Made on first use: most requests log nothing, and a child logger per request is not free.
      get logger() {
        return (requestLogger ??= logger.child({ requestId }));
      },
    };
  };

  const timeouts = config.http;
  const newServer = () => applyServerTimeouts(createServer({ connectionsCheckingInterval: connectionsCheckingIntervalFor(timeouts) }), timeouts);
  const httpServer: Server = newServer();
  // Separate listeners when asked for, so an operator can expose only the webhook port to Meta and keep
  // health and metrics on an internal one. Each serves only its own surface.
  const webhookServer = config.operations.webhookPort === undefined ? undefined : newServer();
  const opsServer = config.operations.opsPort === undefined ? undefined : newServer();
  // Half the grace for in-flight requests, the rest for the processing batch, the workers and the database.
  const drainMs = Math.floor(config.operations.shutdownGraceMs / 2);
  // One pipeline for both transports: the same parse limits, validation rules and gate.
  const limits = operationLimits(config.graphql);
  const rules = limitRules(limits);
  const gate = new OperationGate({
    limits,
    introspection: config.graphql.introspection,
    schemaNetworks: config.graphql.schemaNetworks,
    chargeMutations: mutationCharge(rateLimiter, {
      perSecond: config.rateLimits.userMutationsPerMinute / 60,
      burst: config.rateLimits.userMutationsPerMinute,
    }),
  });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    // The gate decides who may introspect (everyone in development, only the gateway in production).
    introspection: true,
    parseOptions: parseOptionsFor(limits),
    // Validated by the pipeline plugin instead, limits first (see operation-limits.ts).
    dangerouslyDisableValidation: true,
    hideSchemaDetailsFromClientErrors: !limits.fieldSuggestions,
    allowBatchedHttpRequests: false,
    formatError,
    logger,
    includeStacktraceInErrorResponses: false,
    // Stopping is ours (src/app/main.ts): Apollo's own signal handlers would stop it a second time, and a
    // second stop() during the first never resolves in @apollo/server 5.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainMs }),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
      operationLoggingPlugin(),
      operationMetricsPlugin(metrics),
      operationPipelinePlugin({ schema, limits, rules, gate }),
      { serverWillStart: async () => ({ drainServer: async () => ws.dispose() }) },
    ],
  });
  const ws = startWebSocketServer({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    limits,
    rules,
    gate,
    maxPayloadBytes: MAX_GRAPHQL_BODY_BYTES,
    authenticate: (authorization) => verifyToken(authorization),
    createContext: (viewer, remoteAddress) => contextFor(viewer, `ws-${randomUUID()}`, remoteAddress),
    observe: (serverOptions) => observeGraphqlWs(serverOptions, metrics, logger),
  });
  // An erased user's open sockets go at once, on every instance: their token may be valid for hours.
  userErasure.onBeforeErase({
    name: 'graphql-ws',
    run: async ({ userId }) => eventBus.publish(UserErasureTopic.UserErased, 'every-instance', { userId }),
  });
  const erasures = eventBus.subscribe(UserErasureTopic.UserErased, 'every-instance');
  void (async () => {
    for await (const { userId } of erasures) ws.closeUser(userId, 'User erased');
  })();
  stack.push(async () => erasures.return?.());
  await apollo.start();
  stack.push(() =>
    Promise.all([
      apollo.stop(),
      ...[webhookServer, opsServer].map((server) => (server ? drainServer(server, drainMs) : undefined)),
    ]),
  );

  const auditExport = createAuditExportHandler({ orm, verifyToken, logger });
  const listenerOptions: RequestListenerOptions = {
    graphqlPath: GRAPHQL_PATH,
    graphql: apolloNodeHandler(apollo, async (req) => {
      const requestId = requestIdOf(req);
      let viewer: Viewer | null = null;
      if (req.headers.authorization) viewer = await verifyToken(req.headers.authorization).catch(() => null);
      return contextFor(viewer, requestId, req.socket.remoteAddress);
    }, { bodyIdleTimeoutMs: config.http.bodyIdleTimeoutMs }),
    webhookPrefix: config.webhooks.pathPrefix,
    webhook: webhooks.route,
    media: createMediaRoute({
      orm,
      keys,
      whatsapp,
      logger,
      graphBaseUrl,
      timeoutMs: config.whatsapp.timeoutMs,
      media: config.media,
      store: infrastructure.mediaStore,
    }),
    mediaUpload: createMediaUploadRoute({
      orm,
      keys,
      whatsapp,
      logger,
      // A 100 MB file on a slow link takes minutes; the per-call Graph timeout is for small answers.
      uploadTimeoutMs: Math.max(config.whatsapp.timeoutMs, 300_000),
      media: config.media,
    }),
    isReady: async () => {
      await orm.em.getConnection().execute('select 1');
      return isSchemaCurrent(orm);
    },
    // A backlog is shown, never a reason to be unready: taking receivers out of rotation because
    // processing is behind would turn a delay into lost acknowledgements.
    readinessDetail: async () => {
      const { deliveries, oldestSeconds, deadLetters } = await webhooks.backlog();
      return { inbox: { unprocessed: deliveries, oldestUnprocessedSeconds: Math.round(oldestSeconds * 10) / 10, deadLetters } };
    },
    metrics,
    logger,
  };
  // A processing-only instance answers probes and scrapes, nothing a client or Meta should reach.
  const clientFacing = role !== 'process';
  const graphqlListener = createRequestListener({ ...listenerOptions, serves: { graphql: clientFacing, webhooks: clientFacing && !webhookServer, ops: !opsServer } });
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // The administrators' audit export streams its own response; everything else goes to the router.
    const url = new URL(req.url ?? '/', 'http://plugin.invalid');
    if (url.pathname !== AUDIT_EXPORT_PATH || !clientFacing) return graphqlListener(req, res);
    auditExport(req, res, url).catch((err: unknown) => {
      logger.error({ err }, 'audit export failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: ErrorCode.InternalServerError } }));
      else res.destroy();
    });
  });
  webhookServer?.on('request', createRequestListener({ ...listenerOptions, serves: { graphql: false, webhooks: clientFacing, ops: false } }));
  opsServer?.on('request', createRequestListener({ ...listenerOptions, serves: { graphql: false, webhooks: false, ops: true } }));
  return { httpServer, webhookServer, opsServer };
}

/**
 * Listens, then starts what needs the listening address: the webhook base URL Meta is given, the webhook
 * workers, and the platform credential's sync.
 */
async function listenAndStartWork(config: Config, servers: Servers, domains: Domains): Promise<{ url: string; opsUrl: string }> {
  const { httpServer, webhookServer, opsServer } = servers;
  const { services, webhooks } = domains;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const listen = async (server: Server, port: number) => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.host, () => resolve());
    });
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  };
  const url = await listen(httpServer, config.port);
  const webhookUrl = webhookServer ? await listen(webhookServer, config.operations.webhookPort!) : url;
  const opsUrl = opsServer ? await listen(opsServer, config.operations.opsPort!) : url;
  const publicBase = config.publicBaseUrl ?? webhookUrl;
  services.publicUrls.webhookBase = `${publicBase}${config.webhooks.pathPrefix}`;
  // Media links are served with GraphQL (on PORT), so without PUBLIC_BASE_URL they point there.
  services.publicUrls.mediaBase = config.publicBaseUrl ?? url;
  await webhooks.startWorkers();
  // After listening: the platform credential's webhook endpoint is built on the public base URL.
  await registerPlatformCredentialSync(services);
  return { url, opsUrl };
}
