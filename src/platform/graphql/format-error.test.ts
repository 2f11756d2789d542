import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { formatError } from './format-error';

const formatted = { message: 'raw', path: ['updateWhatsAppCredential'] };

describe('formatError', () => {
  it('turns a lost optimistic-lock race into a retryable CONFLICT', () => {
    const race = new GraphQLError('wrapped', { path: formatted.path, originalError: OptimisticLockError.lockFailed('WhatsAppCredential') });
    expect(formatError(formatted, race)).toMatchObject({ extensions: { code: ErrorCode.Conflict }, message: 'This changed meanwhile: read it again and retry.' });
  });

  it('hides anything unexpected behind INTERNAL_SERVER_ERROR', () => {
    const crash = new GraphQLError('wrapped', { path: formatted.path, originalError: new Error('select * from secrets') });
    expect(formatError(formatted, crash)).toEqual({ message: 'Internal server error.', path: formatted.path, extensions: { code: ErrorCode.InternalServerError } });
  });
});
