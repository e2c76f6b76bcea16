// JSON logs through pino. Secrets never reach a log line: the fields that could carry them are
// redacted by their path, wherever a request's form, query or headers, or a credential, would put
// them. A field is never redacted for its name alone where that name means something else: every
// error has a `code` (EADDRINUSE, Prisma's P2002, PostgreSQL's 23505) that an operator must see,
// while a one-time or authorization code only ever travels in a form, a query or a body.
import { pino, type Logger } from 'pino';

/** Fields that are secret wherever they appear, at the top of a line or one level down. */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'secret',
  'client_secret',
  'code_verifier',
  'refresh_token',
  'access_token',
  'id_token',
  'token',
];

/** Containers of what a person or a client sent: every field of theirs called `code` is a code. */
const SENT = ['body', 'form', 'query', 'params'];

const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  ...SENT.flatMap((container) => [`${container}.code`, `*.${container}.code`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'twofold' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination(1),
  );
}
