export { AuditEntry, AuditOutcome } from './audit-entry.entity';
export { auditWithin, auditSeparately, insertAuditRecords, type AuditActor, type AuditDetail, type AuditRecord } from './audit-log';
export { sweepAuditLog } from './audit-retention';
export { createAuditExportHandler, AUDIT_EXPORT_PATH } from './audit-export';
