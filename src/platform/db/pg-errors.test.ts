import { endsSession, isConnectionLoss, isStatementError } from './pg-errors';

const answer = (code: string, severity = 'ERROR') => Object.assign(new Error(code), { code, severity });

test('a refused statement is a statement error, not a lost connection', () => {
  for (const error of [answer('23505'), answer('40001'), answer('22P02')]) {
    expect(isStatementError(error)).toBe(true);
    expect(isConnectionLoss(error)).toBe(false);
    expect(endsSession(error)).toBe(false);
  }
});

test('a server going away is a lost connection, whatever language its severity is in', () => {
  const shutdown = [answer('57P01', 'FATAL'), answer('57P01', 'ВАЖНО'), answer('08006', 'FATAL'), answer('XX000', 'PANIC')];
  for (const error of shutdown) {
    expect(endsSession(error)).toBe(true);
    expect(isConnectionLoss(error)).toBe(true);
    expect(isStatementError(error)).toBe(false);
  }
  // Too many connections: the connection was refused, so trying again shortly is right.
  expect(isConnectionLoss(answer('53300', 'FATAL'))).toBe(true);
  // A cancelled statement (57014, not class 57P) is the statement's own failure.
  expect(isStatementError(answer('57014'))).toBe(true);
});

test('a failure below SQL (no SQLSTATE) is a lost connection and ends nothing by itself', () => {
  for (const error of [new Error('Connection terminated unexpectedly'), Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })]) {
    expect(isConnectionLoss(error)).toBe(true);
    expect(isStatementError(error)).toBe(false);
    expect(endsSession(error)).toBe(false);
  }
});
