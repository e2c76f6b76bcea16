// `twofold user …`: create, list, disable accounts and reset their second factor.
import type { Command } from 'commander';
import type { Database } from '../database/client.js';
import { parseEmail } from '../accounts/email.js';
import { CliError, type Cli, type Services } from './context.js';
import { readNewPassword } from './password-input.js';
import type { Config } from '../config/index.js';
import { SET_UP_PATH, type SetUpLink } from '../signin/enrolment.js';

const CLI = { source: 'cli' } as const;

export function addUserCommands(program: Command, cli: Cli): void {
  const user = program.command('user').description('manage accounts');

  user
    .command('add')
    .description('create an account; asks for the password (hidden), or reads it from stdin with --password-stdin')
    .argument('<email>', 'email address (the sign-in name)')
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from stdin (one line), for scripts')
    .action(async (email: string, options: { name?: string; passwordStdin?: boolean }, command: Command) => {
      const password = await readNewPassword(cli.io, { fromStdin: Boolean(options.passwordStdin) });
      await cli.withServices(command, async (services, { config }) => {
        const account = await services.accounts.create({ email, displayName: options.name, password });
        await services.audit.record({ type: 'account_created', accountId: account.id, detail: CLI });
        cli.print(`account created: ${account.email}`);
        if (account.enrollmentOpenUntil)
          cli.print(
            `until ${account.enrollmentOpenUntil.toISOString()} the first sign-in links an authenticator app with the password alone; after that only a set-up link does`,
          );
        await printSetUpLink(cli, services, config, account);
      });
    });

  user
    .command('list')
    .description('list accounts')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await cli.withServices(command, async ({ db }) => {
        const rows = await accountsWithEnrollment(db);
        if (options.json) {
          cli.printJson(
            rows.map((a) => ({
              email: a.email,
              name: a.displayName,
              created_at: a.createdAt,
              disabled_at: a.disabledAt,
              mfa_enrolled: a.mfaEnrolled,
              recovery_codes_left: a.recoveryCodesLeft,
              factors: a.factors,
            })),
          );
          return;
        }
        if (!rows.length) {
          cli.print('no accounts yet');
          return;
        }
        cli.printTable([
          ['EMAIL', 'NAME', 'CREATED', 'DISABLED', 'MFA', 'RECOVERY CODES'],
          ...rows.map((a) => [
            a.email,
            a.displayName ?? '',
            a.createdAt.toISOString(),
            a.disabledAt?.toISOString() ?? '',
            a.mfaEnrolled ? 'yes' : 'no',
            String(a.recoveryCodesLeft),
          ]),
        ]);
      });
    });

  user
    .command('disable')
    .description('disable an account and end all its sessions and tokens')
    .argument('<email>', 'email address')
    .action(async (email: string, _options: unknown, command: Command) => {
      await cli.withServices(command, async (services) => {
        const account = await existingAccount(services, email);
        // Disabled first: from this moment no session of the account yields a token or a sign-in.
        if (!account.disabledAt) {
          await services.accounts.disable(account.email);
          await services.audit.record({ type: 'account_disabled', accountId: account.id, detail: CLI });
        }
        await endSessions(services, account.id, 'account disabled');
        cli.print(`account disabled: ${account.email}; its sessions and tokens have ended`);
      });
    });

  user
    .command('reset-mfa')
    .description(
      "remove an account's authenticators and recovery codes, end its sessions, and print a set-up link: only that link lets a new app be linked",
    )
    .argument('<email>', 'email address')
    .action(async (email: string, _options: unknown, command: Command) => {
      await cli.withServices(command, async (services, { config }) => {
        const account = await existingAccount(services, email);
        const { removed, recoveryCodes, link } = await services.enrolments.reset(account.id);
        await services.audit.record({
          type: 'mfa_reset',
          accountId: account.id,
          detail: { ...CLI, removed, recoveryCodes },
        });
        await linkIssued(services, account.id, link);
        await endSessions(services, account.id, 'authenticators removed');
        cli.print(
          `second factor reset for ${account.email}: ${removed} authenticator(s) and ${recoveryCodes} recovery code(s) removed, sessions ended`,
        );
        printLink(cli, config, link);
      });
    });

  user
    .command('enroll-link')
    .description(
      'print a one-time set-up link with which the account links a new authenticator app after its password (replacing any it has once confirmed); a new link voids the previous one',
    )
    .argument('<email>', 'email address')
    .action(async (email: string, _options: unknown, command: Command) => {
      await cli.withServices(command, async (services, { config }) => {
        const account = await existingAccount(services, email);
        await printSetUpLink(cli, services, config, account);
      });
    });
}

/** Issues a set-up link for the account and prints it, with what it does and until when. */
async function printSetUpLink(cli: Cli, services: Services, config: Readonly<Config>, account: { id: string }) {
  const link = await services.enrolments.issueLink(account.id);
  await linkIssued(services, account.id, link);
  printLink(cli, config, link);
}

function linkIssued({ audit }: Services, accountId: string, link: SetUpLink): Promise<void> {
  return audit.record({
    type: 'enrollment_link_issued',
    accountId,
    detail: { ...CLI, expiresAt: link.expiresAt.toISOString() },
  });
}

function printLink(cli: Cli, config: Readonly<Config>, link: SetUpLink): void {
  const url = new URL(`.${SET_UP_PATH}`, config.issuer.endsWith('/') ? config.issuer : `${config.issuer}/`);
  url.searchParams.set('token', link.token);
  cli.print(`set-up link (single use, valid until ${link.expiresAt.toISOString()}; send it to the person only):`);
  cli.print(`  ${url.href}`);
}

async function existingAccount({ accounts }: Services, email: string) {
  const account = await accounts.findByEmail(parseEmail(email));
  if (!account) throw new CliError(`no account with email ${parseEmail(email)}`);
  return account;
}

// Ending sessions can fail after the first step succeeded (Redis down); say what did happen. Running
// the command again is safe: both steps are idempotent.
async function endSessions({ protocolStore }: Services, accountId: string, done: string): Promise<void> {
  try {
    await protocolStore.revokeAccount(accountId);
  } catch (error) {
    throw new CliError(`${done}, but ending its sessions failed (${(error as Error).message}); run the command again`);
  }
}

// One query: the counts are subqueries of the account select, not a query per row. Only a
// confirmed authenticator counts as enrolled (an unconfirmed one is an abandoned set-up), only an
// unused recovery code as left.
/**
 * Every account with its second factors, in three queries whatever the number of accounts: each
 * app (kind, the name its owner chose, added, last used) and the recovery codes as one factor (when
 * the set was issued, when a code of it was last used).
 */
async function accountsWithEnrollment(db: Database) {
  const [accounts, apps, codes] = await Promise.all([
    db.account.findMany({
      orderBy: { createdAt: 'asc' },
      select: { id: true, email: true, displayName: true, createdAt: true, disabledAt: true },
    }),
    db.authenticator.findMany({
      where: { confirmedAt: { not: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { accountId: true, kind: true, label: true, confirmedAt: true, lastUsedAt: true },
    }),
    db.recoveryCode.groupBy({
      by: ['accountId'],
      _min: { createdAt: true },
      _max: { usedAt: true },
      _count: { usedAt: true, _all: true },
    }),
  ]);
  const factors = new Map<string, Factor[]>();
  const add = (accountId: string, factor: Factor) =>
    factors.set(accountId, [...(factors.get(accountId) ?? []), factor]);
  for (const app of apps)
    add(app.accountId, { kind: app.kind, name: app.label, added: app.confirmedAt, last_used: app.lastUsedAt });
  const left = new Map<string, number>();
  for (const set of codes) {
    left.set(set.accountId, set._count._all - set._count.usedAt);
    add(set.accountId, { kind: 'recovery_code', name: null, added: set._min.createdAt, last_used: set._max.usedAt });
  }
  const enrolled = new Set(apps.map((app) => app.accountId));
  return accounts.map(({ id, ...account }) => ({
    ...account,
    mfaEnrolled: enrolled.has(id),
    recoveryCodesLeft: left.get(id) ?? 0,
    factors: factors.get(id) ?? [],
  }));
}

/** One second factor as `user list --json` shows it. */
interface Factor {
  kind: string;
  name: string | null;
  added: Date | null;
  last_used: Date | null;
}
