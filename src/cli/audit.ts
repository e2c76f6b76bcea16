// `twofold audit`: the audit trail, oldest first, optionally for one account and a recent window.
import { InvalidArgumentError, type Command } from 'commander';
import { parseEmail } from '../accounts/email.js';
import { CliError, type Cli } from './context.js';

const UNITS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** "15m", "24h", "7d" → the moment that long ago. */
function parseSince(value: string, now = Date.now()): Date {
  const match = /^(\d{1,6})([smhdw])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 15m, 24h or 7d');
  return new Date(now - Number(match[1]) * UNITS[match[2] as keyof typeof UNITS] * 1000);
}

export function addAuditCommand(program: Command, cli: Cli): void {
  program
    .command('audit')
    .description('show audit events')
    .option('--user <email>', "only this account's events")
    .option('--since <duration>', 'only events newer than this (15m, 24h, 7d)', (value) => parseSince(value))
    .option('--json', 'print JSON')
    .action(async (options: { user?: string; since?: Date; json?: boolean }, command: Command) => {
      await cli.withServices(command, async ({ accounts, audit, db }) => {
        let accountId: string | undefined;
        // `--user ""` is a mistake to report, not a request for everyone's events.
        if (options.user !== undefined) {
          const account = await accounts.findByEmail(parseEmail(options.user));
          if (!account) throw new CliError(`no account with email ${parseEmail(options.user)}`);
          accountId = account.id;
        }
        const events = await audit.list({ accountId, since: options.since });
        // Emails for the events' accounts in one query, not one per event.
        const ids = [...new Set(events.flatMap((e) => (e.accountId ? [e.accountId] : [])))];
        const emails = new Map(
          (await db.account.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((a) => [
            a.id,
            a.email,
          ]),
        );
        const rows = events.map((e) => ({
          at: e.at,
          type: e.type,
          email: e.accountId ? (emails.get(e.accountId) ?? null) : null,
          account_id: e.accountId,
          client_id: e.clientId,
          ip: e.ip,
          detail: e.detail ?? null,
        }));
        if (options.json) {
          cli.printJson(rows);
          return;
        }
        if (!rows.length) {
          cli.print('no audit events');
          return;
        }
        cli.printTable([
          ['AT', 'EVENT', 'ACCOUNT', 'CLIENT', 'IP', 'DETAIL'],
          ...rows.map((r) => [
            r.at.toISOString(),
            r.type,
            r.email ?? r.account_id ?? '',
            r.client_id ?? '',
            r.ip ?? '',
            r.detail ? JSON.stringify(r.detail) : '',
          ]),
        ]);
      });
    });
}
