// JSON logs through pino. Secrets never reach a log line: the fields that could carry them are
// redacted wherever they appear.
import { pino, type Logger } from 'pino';

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'twofold' },
      redact: {
        paths: [
          'password',
          '*.password',
          'code',
          '*.code',
          'secret',
          '*.secret',
          'client_secret',
          '*.client_secret',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(1),
  );
}
