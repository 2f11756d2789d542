import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentWhatsAppConfig } from '../agents';
import { AuditOutcome, auditWithin } from '../audit';
import {
  assertPlatformOpenForNewUse,
  auditedOperation,
  checkCredentialHealth,
  CredentialSource,
  credentialSourceOf,
  CredentialStatus,
  platformCredentialOf,
  requestCredentialHealthCheck,
  toCredentialPublicError,
  UserCredentialSource,
  type CommandContext,
  type WhatsAppCredential,
} from '../credentials';
import { ErrorCode, PublicError } from '../platform/errors';
import { configureWebhook, WebhookEndpoint, WebhookStatus } from '../webhooks';
import { planMigration, type AgentMapping } from './migration-plan';
import { MigrationState, MigrationStepOutcome, WhatsAppMigration, type MigrationSnapshot, type MigrationStep } from './whatsapp-migration.entity';
import type { PlatformMigrationServices } from './platform-migration-services';

const TARGET = 'WhatsAppMigration';

function step(fields: Partial<MigrationStep> & Pick<MigrationStep, 'step' | 'outcome'>): MigrationStep {
  return { agentId: null, credentialId: null, message: null, code: null, ...fields };
}

/**
 * Moves the caller's agents from the platform's credentials to their own numbers (migration phase 2):
 * each chosen credential is checked with Meta and its webhook configured, then every agent moves and the
 * user's source flips to USER in one transaction. A step that fails stops the run before anything moves;
 * the run is recorded FAILED with every step's outcome so the user knows what to fix.
 */
export async function runMigration(ctx: CommandContext<PlatformMigrationServices>, choices: AgentMapping[]): Promise<WhatsAppMigration> {
  const { viewer, services } = ctx;
  return auditedOperation(ctx, { action: 'migration.run', targetType: TARGET, targetId: viewer.userId, subjectUserId: viewer.userId }, async () => {
    const em = ctx.em;
    const source = await credentialSourceOf(em, services.config.platform.defaultSource, viewer.userId);
    if (source !== CredentialSource.PLATFORM) {
      throw PublicError.conflict('Your agents already use your own WhatsApp credentials: there is nothing to migrate.');
    }
    const plan = await planMigration(em, viewer.userId, choices);
    if (plan.agents.some((a) => !a.credential)) throw PublicError.badInput('input.agents', plan.requirements.join(' '));

    const steps: MigrationStep[] = [];
    const credentials = [...new Map(plan.agents.map((a) => [a.credential!.id, a.credential!])).values()];
    for (const credential of credentials) steps.push(...(await prepareCredential(ctx, credential)));
    const failed = steps.some((s) => s.outcome === MigrationStepOutcome.FAILED);
    if (failed) {
      steps.push(step({ step: 'move_agents', outcome: MigrationStepOutcome.SKIPPED, message: 'Nothing was moved: fix the failed steps and run the migration again.' }));
      return recordFailure(ctx, steps);
    }

    try {
      return await em.fork().transactional(async (tx) => {
        const snapshot: MigrationSnapshot = {
          agents: plan.agents.map(({ config }) => ({ agentId: config.agentId, credentialId: config.credential?.id ?? null, phoneNumberId: config.phoneNumberId })),
        };
        await assignNumbers(
          tx,
          viewer.userId,
          plan.agents.map(({ config, credential }) => ({ agentId: config.agentId, credentialId: credential!.id, phoneNumberId: credential!.phoneNumberId })),
        );
        await tx.upsert(UserCredentialSource, { userId: viewer.userId, source: CredentialSource.USER, updatedAt: new Date() });
        const now = new Date();
        steps.push(step({ step: 'move_agents', outcome: MigrationStepOutcome.OK, message: `${plan.agents.length} agent(s) now answer on your own numbers.` }));
        const migration = await saveMigration(tx, viewer.userId, {
          state: MigrationState.COMPLETED,
          steps,
          snapshot,
          completedAt: now,
          rollbackDeadline: new Date(now.getTime() + services.config.platform.rollbackWindowHours * 3_600_000),
          rolledBackAt: null,
        });
        auditWithin(tx, {
          actor: viewer,
          action: 'migration.run',
          outcome: AuditOutcome.SUCCESS,
          subjectUserId: viewer.userId,
          targetType: TARGET,
          targetId: viewer.userId,
          requestId: ctx.requestId,
          details: { agents: plan.agents.map((a) => a.config.agentId), credentials: credentials.map((c) => c.id) },
        });
        return migration;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      steps.push(step({ step: 'move_agents', outcome: MigrationStepOutcome.FAILED, code: ErrorCode.Conflict, message: 'One of the numbers started serving another agent meanwhile; nothing was moved. Run the migration again.' }));
      return recordFailure(ctx, steps);
    }
  });
}

/** Checks one credential with Meta now, then makes sure Meta routes its webhooks to us. */
async function prepareCredential(ctx: CommandContext<PlatformMigrationServices>, credential: WhatsAppCredential): Promise<MigrationStep[]> {
  const { services } = ctx;
  const base = { credentialId: credential.id };
  let checked: WhatsAppCredential | null;
  try {
    checked = await checkCredentialHealth(services, credential.id, { actor: ctx.viewer, requestId: ctx.requestId, whenUnreachable: 'throw' });
  } catch (raw) {
    const error = toCredentialPublicError(raw);
    if (!(error instanceof PublicError)) throw error;
    return [step({ ...base, step: 'validate_credential', outcome: MigrationStepOutcome.FAILED, code: error.code, message: error.message })];
  }
  if (!checked || checked.status !== CredentialStatus.ACTIVE) {
    return [
      step({
        ...base,
        step: 'validate_credential',
        outcome: MigrationStepOutcome.FAILED,
        code: ErrorCode.CredentialUnavailable,
        message: checked ? `${checked.phoneNumber} is ${checked.status}: ${checked.warning ?? checked.statusReason}` : 'The credential was deleted.',
      }),
    ];
  }
  const validated = step({ ...base, step: 'validate_credential', outcome: MigrationStepOutcome.OK, message: `${checked.phoneNumber} is ACTIVE.` });

  const em = services.orm.em.fork();
  let endpoint = await em.findOne(WebhookEndpoint, { credential: credential.id });
  if (endpoint?.status !== WebhookStatus.ACTIVE) {
    const deps = {
      whatsapp: services.whatsapp,
      keys: services.keys,
      logger: ctx.logger,
      webhookBase: () => services.publicUrls.webhookBase,
      onCredentialFailure: ({ credentialId }: { credentialId: string }) => requestCredentialHealthCheck(services, credentialId),
    };
    // A transient failure throws after recording PENDING (its queued job keeps trying); the step fails either way.
    await configureWebhook(deps, em, credential.id, { final: false }).catch((err: unknown) => ctx.logger.info({ err, credentialId: credential.id }, 'webhook not configured yet'));
    endpoint = await services.orm.em.fork().findOne(WebhookEndpoint, { credential: credential.id });
  }
  if (endpoint?.status !== WebhookStatus.ACTIVE) {
    return [
      validated,
      step({
        ...base,
        step: 'configure_webhook',
        outcome: MigrationStepOutcome.FAILED,
        code: ErrorCode.DependencyUnavailable,
        message: `Meta does not route ${checked.phoneNumber}'s messages here yet: ${endpoint?.statusReason ?? 'no webhook endpoint'}.`,
      }),
    ];
  }
  return [validated, step({ ...base, step: 'configure_webhook', outcome: MigrationStepOutcome.OK, message: `Webhooks for ${checked.phoneNumber} reach this plugin.` })];
}

async function recordFailure(ctx: CommandContext<PlatformMigrationServices>, steps: MigrationStep[]): Promise<WhatsAppMigration> {
  return ctx.em.fork().transactional(async (tx) => {
    const migration = await saveMigration(tx, ctx.viewer.userId, {
      state: MigrationState.FAILED,
      steps,
      snapshot: null,
      completedAt: null,
      rollbackDeadline: null,
      rolledBackAt: null,
    });
    const failedSteps = steps.filter((s) => s.outcome === MigrationStepOutcome.FAILED);
    auditWithin(tx, {
      actor: ctx.viewer,
      action: 'migration.run',
      outcome: AuditOutcome.FAILURE,
      subjectUserId: ctx.viewer.userId,
      targetType: TARGET,
      targetId: ctx.viewer.userId,
      requestId: ctx.requestId,
      errorCode: failedSteps[0]?.code ?? null,
      details: { failedSteps: failedSteps.map((s) => `${s.step}:${s.credentialId ?? s.agentId ?? ''}`) },
    });
    return migration;
  });
}

type MigrationFields = Pick<WhatsAppMigration, 'state' | 'steps' | 'snapshot' | 'completedAt' | 'rollbackDeadline' | 'rolledBackAt'>;

/** Records a run (completed or failed) as the user's latest. */
async function saveMigration(tx: EntityManager, userId: string, fields: MigrationFields): Promise<WhatsAppMigration> {
  const migration = (await tx.findOne(WhatsAppMigration, { userId })) ?? tx.create(WhatsAppMigration, { userId, state: fields.state, startedAt: new Date() });
  Object.assign(migration, fields, { startedAt: new Date(), runs: migration.runs + 1 });
  await tx.flush();
  return migration;
}

/**
 * Points each agent at a number. Two passes, so that agents trading numbers never meet the one-agent-
 * per-number index halfway.
 */
async function assignNumbers(
  tx: EntityManager,
  userId: string,
  agents: Array<{ agentId: string; credentialId: string | null; phoneNumberId: string | null }>,
): Promise<void> {
  const agentIds = agents.map((a) => a.agentId);
  await tx.nativeUpdate(AgentWhatsAppConfig, { userId, agentId: { $in: agentIds } }, { phoneNumberId: null });
  for (const agent of agents) {
    await tx.nativeUpdate(AgentWhatsAppConfig, { userId, agentId: agent.agentId }, { credential: agent.credentialId, phoneNumberId: agent.phoneNumberId });
  }
}

/**
 * Puts the caller back on the platform's credentials: within the rollback window after a completed run
 * (every agent gets back the number it had before), or any time after a failed one (nothing had moved).
 */
export async function rollBackMigration(ctx: CommandContext<PlatformMigrationServices>, now: Date = new Date()): Promise<WhatsAppMigration> {
  const { viewer } = ctx;
  return auditedOperation(ctx, { action: 'migration.rollback', targetType: TARGET, targetId: viewer.userId, subjectUserId: viewer.userId }, async () => {
    return ctx.em.fork().transactional(async (tx) => {
      // Decided under the row's lock: two rollbacks at once cannot both restore the snapshot.
      const row = await tx.findOne(WhatsAppMigration, { userId: viewer.userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row || row.state === MigrationState.ROLLED_BACK) throw PublicError.conflict('There is no migration to roll back.');
      if (row.state === MigrationState.COMPLETED) {
        if (!row.rollbackDeadline || row.rollbackDeadline <= now) {
          throw PublicError.conflict(`The rollback window ended on ${row.rollbackDeadline?.toISOString() ?? 'completion'}; your agents stay on your own numbers.`);
        }
        await assertPlatformOpenForNewUse(tx, 'rollback');
        if (!(await platformCredentialOf(tx))) throw PublicError.dependencyUnavailable('The platform\'s WhatsApp number');
      }
      if (row.state === MigrationState.COMPLETED && row.snapshot) {
        // Agents created since the run are not in the snapshot: they keep what they have.
        const existing = new Set((await tx.find(AgentWhatsAppConfig, { userId: viewer.userId }, { fields: ['agentId'] })).map((c) => c.agentId));
        await assignNumbers(tx, viewer.userId, row.snapshot.agents.filter((a) => existing.has(a.agentId)));
      }
      await tx.upsert(UserCredentialSource, { userId: viewer.userId, source: CredentialSource.PLATFORM, updatedAt: new Date() });
      const previousState = row.state;
      Object.assign(row, { state: MigrationState.ROLLED_BACK, rolledBackAt: new Date(), rollbackDeadline: null });
      auditWithin(tx, {
        actor: viewer,
        action: 'migration.rollback',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: viewer.userId,
        targetType: TARGET,
        targetId: viewer.userId,
        requestId: ctx.requestId,
        details: { from: previousState, agents: row.snapshot?.agents.length ?? 0 },
      });
      await tx.flush();
      return row;
    });
  });
}
