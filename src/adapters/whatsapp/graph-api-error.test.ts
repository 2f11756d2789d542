import {
  classifyGraphError,
  GraphApiError,
  GraphErrorEnvelopeSchema,
  redactSecrets,
  type GraphErrorKind,
} from './graph-api-error';

describe('classifyGraphError', () => {
  test.each<[string, number, number | undefined, GraphErrorKind, boolean, boolean]>([
    // name, code, subcode, kind, retryable, credential failure
    ['expired token', 190, 463, 'token_expired', false, true],
    ['password changed', 190, 460, 'token_invalid', false, true],
    ['app de-authorised', 190, 458, 'token_invalid', false, true],
    ['logged out', 190, 467, 'token_invalid', false, true],
    ['190 without subcode', 190, undefined, 'token_invalid', false, true],
    ['AuthException', 0, undefined, 'token_invalid', false, true],
    ['no token', 104, undefined, 'token_invalid', false, true],
    ['capability', 3, undefined, 'permission_missing', false, true],
    ['permission not granted', 10, undefined, 'permission_missing', false, true],
    ['no asset access', 200, undefined, 'permission_missing', false, true],
    ['permission range end', 299, undefined, 'permission_missing', false, true],
    ['access denied', 131005, undefined, 'permission_missing', false, true],
    ['invalid parameter', 100, undefined, 'invalid_parameter', false, false],
    ['object does not exist', 100, 33, 'not_found', false, false],
    ['phone number deleted', 33, undefined, 'not_found', false, false],
    ['callback verification failed', 2200, undefined, 'invalid_parameter', false, false],
    ['app rate limit', 4, undefined, 'rate_limited', true, false],
    ['WABA rate limit', 80007, undefined, 'rate_limited', true, false],
    ['management rate limit', 80008, undefined, 'rate_limited', true, false],
    ['custom rate limit', 613, undefined, 'rate_limited', true, false],
    ['throughput', 130429, 2494055, 'throughput_limited', true, false],
    ['pair rate limit', 131056, undefined, 'pair_rate_limited', true, false],
    ['spam rate limit', 131048, undefined, 'rate_limited', false, false],
    ['window closed', 131047, undefined, 'window_closed', false, false],
    ['policy block', 368, undefined, 'integrity_restricted', false, false],
    ['country restriction', 130497, undefined, 'integrity_restricted', false, false],
    ['account locked', 131031, undefined, 'integrity_restricted', false, false],
    ['template missing', 132001, undefined, 'template_error', false, false],
    ['template paused', 132015, undefined, 'template_error', false, false],
    ['undeliverable', 131026, undefined, 'recipient_error', false, false],
    ['opted out', 131050, undefined, 'recipient_error', false, false],
    ['server error', 1, undefined, 'transient', true, false],
    ['service down', 2, undefined, 'transient', true, false],
    ['unknown error', 131000, undefined, 'transient', true, false],
    ['maintenance', 131057, undefined, 'transient', true, false],
  ])('%s (%i/%s)', (_name, code, subcode, kind, retryable, isCredentialFailure) => {
    expect(classifyGraphError({ code, subcode })).toEqual({ kind, retryable, isCredentialFailure });
  });

  test('an unknown code is unknown and not retried, unless Graph says it is transient or answered 5xx', () => {
    expect(classifyGraphError({ code: 999_999 })).toEqual({ kind: 'unknown', retryable: false, isCredentialFailure: false });
    expect(classifyGraphError({ code: 999_999, isTransient: true }).retryable).toBe(true);
    expect(classifyGraphError({ code: 999_999, httpStatus: 503 }).kind).toBe('transient');
  });

  test('a known code keeps its kind whatever the HTTP status', () => {
    expect(classifyGraphError({ code: 131047, httpStatus: 500 }).kind).toBe('window_closed');
  });
});

describe('GraphApiError.fromBody', () => {
  const token = `EAAG${'x1'.repeat(60)}`;

  test('keeps code, subcode, trace id and details, and classifies', () => {
    const { error } = GraphErrorEnvelopeSchema.parse({
      error: {
        message: '(#131047) Re-engagement message',
        type: 'OAuthException',
        code: 131047,
        error_subcode: 2494010,
        error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed.' },
        fbtrace_id: 'AbCdEf123',
      },
    });
    const graphError = GraphApiError.fromBody(error, 400, [token]);
    expect(graphError).toMatchObject({
      kind: 'window_closed',
      retryable: false,
      isCredentialFailure: false,
      graphCode: 131047,
      graphSubcode: 2494010,
      fbtraceId: 'AbCdEf123',
      details: 'More than 24 hours have passed.',
      httpStatus: 400,
    });
    expect(graphError.message).toContain('131047/2494010');
  });

  test('never echoes the token Graph put in its message', () => {
    const { error } = GraphErrorEnvelopeSchema.parse({ error: { message: `Malformed access token ${token}`, code: 190 } });
    const graphError = GraphApiError.fromBody(error, 401, [token]);
    expect(graphError.message).not.toContain(token);
    expect(graphError.message).not.toContain(token.slice(0, 20));
    expect(graphError.kind).toBe('token_invalid');
  });

  test('scrubs token-shaped text it was not told about, and app tokens', () => {
    expect(redactSecrets(`bad EAAGabcdefghij12345 and 111122223333444|s3cr3tvalue99`)).toBe('bad [redacted] and [redacted]');
  });

  test('reads error_data sent JSON-encoded as a string', () => {
    const { error } = GraphErrorEnvelopeSchema.parse({ error: { code: 100, error_data: '{"details":"bad to"}' } });
    expect(GraphApiError.fromBody(error, 400, []).details).toBe('bad to');
  });

  test('recognises a refused appsecret_proof', () => {
    const { error } = GraphErrorEnvelopeSchema.parse({ error: { code: 100, message: 'Invalid appsecret_proof provided in the API argument' } });
    expect(GraphApiError.fromBody(error, 400, []).isAppSecretProofInvalid).toBe(true);
  });
});
