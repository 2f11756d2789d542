export { AuditEntry, AuditOutcome } from './audit-entry.entity';
export { auditWithin, auditSeparately, insertAuditRecords, type AuditActor, type AuditDetail, type AuditRecord } from './audit-log';
