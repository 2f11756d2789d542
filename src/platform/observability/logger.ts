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

export type LogFormat = 'json' | 'pretty';

/**
 * The logger of the running process: JSON lines, one object per line, or (development) pino-pretty's
 * readable lines. pino-pretty is a development dependency only: where it is not installed (the
 * production image) the format falls back to JSON with a warning instead of failing to start.
 */
export function createProcessLogger(level: string, format: LogFormat): Logger {
  if (format === 'pretty') {
    let pretty: ((options: object) => pino.DestinationStream) | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: absent where dev dependencies are omitted
      pretty = require('pino-pretty') as (options: object) => pino.DestinationStream;
    } catch {
      pretty = undefined;
    }
    if (pretty) return createLogger(level, pretty({ colorize: process.stdout.isTTY, sync: true, ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss.l' }));
    const logger = createLogger(level);
    logger.warn('LOG_FORMAT=pretty needs pino-pretty (a development dependency); logging JSON');
    return logger;
  }
  return createLogger(level);
}

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
