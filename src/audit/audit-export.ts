import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { ErrorCode } from '../platform/errors';
import type { Viewer } from '../platform/identity';
import type { Logger } from '../platform/observability/logger';
import { AuditEntry } from './audit-entry.entity';

/** Where the administrators' audit export is served. */
export const AUDIT_EXPORT_PATH = '/admin/audit-log.jsonl';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_ROWS = 500;

export interface AuditExportOptions {
  orm: MikroORM;
  verifyToken: (authorization: string | undefined) => Promise<Viewer>;
  logger: Logger;
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
}

/**
 * `GET /admin/audit-log.jsonl?userId=&from=&to=`: the audit log as JSON lines, oldest first, streamed
 * page by page (keyset on id, waiting for the socket to drain), so an export of any size holds one page
 * in memory. Administrators only; `userId` filters on the user whose data the entry is about, `from`
 * (inclusive) and `to` (exclusive) are ISO 8601 instants.
 */
export function createAuditExportHandler(options: AuditExportOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET') return refuse(res, 405, ErrorCode.BadRequest, 'Use GET.');
    let viewer: Viewer;
    try {
      viewer = await options.verifyToken(req.headers.authorization);
    } catch {
      return refuse(res, 401, ErrorCode.Unauthenticated, 'A valid bearer token is required.');
    }
    if (!viewer.isAdmin) return refuse(res, 403, ErrorCode.Forbidden, 'Only administrators may export the audit log.');

    const where: Record<string, unknown> = {};
    const userId = url.searchParams.get('userId');
    if (userId !== null) {
      if (!UUID.test(userId)) return refuse(res, 400, ErrorCode.BadUserInput, 'userId must be a UUID.');
      where.subjectUserId = userId.toLowerCase();
    }
    const range: Record<string, Date> = {};
    for (const [param, operator] of [['from', '$gte'], ['to', '$lt']] as const) {
      const value = url.searchParams.get(param);
      if (value === null) continue;
      const instant = new Date(value);
      if (Number.isNaN(instant.getTime())) return refuse(res, 400, ErrorCode.BadUserInput, `${param} must be an ISO 8601 instant.`);
      range[operator] = instant;
    }
    if (Object.keys(range).length > 0) where.occurredAt = range;

    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    let after: string | undefined;
    let exported = 0;
    for (;;) {
      const filter = (after === undefined ? where : { ...where, id: { $gt: after } }) as FilterQuery<AuditEntry>;
      const rows = await options.orm.em.fork().find(AuditEntry, filter, { orderBy: { id: 'asc' }, limit: PAGE_ROWS });
      for (const row of rows) {
        const line = `${JSON.stringify(lineOf(row))}\n`;
        if (!res.write(line)) await once(res, 'drain');
        if (res.destroyed) return;
      }
      exported += rows.length;
      if (rows.length < PAGE_ROWS) break;
      after = rows[rows.length - 1]!.id;
    }
    res.end();
    options.logger.info({ actorUserId: viewer.userId, exported, filtered: Object.keys(where) }, 'audit log exported');
  };
}

function lineOf(entry: AuditEntry): Record<string, unknown> {
  return {
    id: String(entry.id),
    occurredAt: entry.occurredAt.toISOString(),
    actorUserId: entry.actorUserId,
    actorRole: entry.actorRole,
    action: entry.action,
    outcome: entry.outcome,
    subjectUserId: entry.subjectUserId,
    targetType: entry.targetType,
    targetId: entry.targetId,
    errorCode: entry.errorCode,
    requestId: entry.requestId,
    details: entry.details,
  };
}
