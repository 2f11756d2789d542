import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may hold a secret anywhere in a log record. Redaction is the second line of defence: the
 * first is never passing secrets to the logger at all.
 */
const REDACT_PATHS = [
  'accessToken', '*.accessToken', 'appSecret', '*.appSecret', 'verifyToken', '*.verifyToken',
  'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'headers["x-vault-token"]', 'req.headers["x-hub-signature-256"]', 'password', '*.password', 'plaintext',
  '*.plaintext', 'secret', '*.secret', 'input.accessToken', 'input.appSecret', 'variables.input.accessToken',
  'variables.input.appSecret', 'variables.accessToken', 'variables.appSecret', 'variables.passphrase', 'variables.bundle',
  'passphrase', '*.passphrase',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'whatsapp-connect' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
