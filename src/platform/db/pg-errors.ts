/**
 * What a failure from PostgreSQL means for the caller. pg's DatabaseError (and MikroORM's exceptions,
 * which copy its fields) carry the server's severity and SQLSTATE; duck-typed, because pg-boss has a
 * `pg` of its own whose errors are not our `pg`'s DatabaseError.
 */
function sqlStateOf(error: unknown): { severity: string; code: string } | undefined {
  const { severity, code } = (error ?? {}) as { severity?: unknown; code?: unknown };
  return typeof severity === 'string' && typeof code === 'string' ? { severity, code } : undefined;
}

/**
 * The session is over: PostgreSQL ends it after a FATAL or PANIC error. The severity text follows the
 * server's `lc_messages` (it may be translated), so the SQLSTATEs that always end it count too: 57P01-57P03
 * (shutdown, crash, cannot connect now) and class 08 (connection exceptions).
 */
export function endsSession(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (!state) return false;
  return state.severity === 'FATAL' || state.severity === 'PANIC' || /^57P0[123]$/.test(state.code) || state.code.startsWith('08');
}

/**
 * The server went away or cannot take the connection yet (restart, failover), so the same work may
 * succeed shortly: a session-ending answer, 53300 (too many connections), or a failure below SQL
 * (socket codes, pg's "Connection terminated", pool timeouts), which carries no SQLSTATE.
 */
export function isConnectionLoss(error: unknown): boolean {
  const state = sqlStateOf(error);
  return !state || endsSession(error) || state.code.startsWith('57P') || state.code === '53300';
}

/**
 * PostgreSQL refused the statement itself (it answered with a SQLSTATE, the statement was rolled back,
 * nothing was written) and the connection lives on, so the same statement would fail the same way.
 */
export function isStatementError(error: unknown): boolean {
  return sqlStateOf(error) !== undefined && !isConnectionLoss(error);
}

/**
 * Whether the same work may succeed if simply tried again later: a lost connection, or a refusal that
 * depends on the moment rather than the data (serialization failure or deadlock, class 40; lock not
 * available, 55P03; statement cancelled or timed out, 57014; resources exhausted, classes 53 and 58).
 * Anything else that PostgreSQL refused would be refused again for the same rows.
 */
export function mayPassOnRetry(error: unknown): boolean {
  if (isConnectionLoss(error)) return true;
  const code = sqlStateOf(error)!.code;
  return code.startsWith('40') || code.startsWith('53') || code.startsWith('58') || code === '55P03' || code === '57014';
}
