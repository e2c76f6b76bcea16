// The audit trail as an investigator reads it, and as an attacker who steals the logs would: every
// sign-in success and failure (with its reason), enrolment, lockout, replay, recovery, reset, client
// and key change is in the audit table and in the JSON log, `twofold audit` prints it, and no
// password, code, recovery code, TOTP secret or client secret appears in any log line or audit row.
import { runCli } from '../support/cli.js';
import { clientCredentialsToken } from '../support/client-credentials.js';
import { RelyingParty } from '../support/relying-party.js';
import {
  callbackOf,
  createPerson,
  enrol,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  submitPassword,
} from '../support/sign-in.js';
import { generateRecoveryCode } from '../../src/mfa/recovery-codes/codes.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';
import { earlyInTimeStep } from '../support/authenticator-app.js';
import { LogCapture } from '../support/log-capture.js';

const SLOW = 240_000;

/** `needle` as a token of its own: not inside a longer run of digits or hex (timestamps, ids). */
function containsToken(haystack: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`).test(haystack);
}

describe('the audit trail', () => {
  const log = new LogCapture();
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  let person: { id: string; email: string; password: string };
  /** Everything secret that went over the wire in this test. */
  const secrets: string[] = [];
  let cliOutput = '';
  const cli = async (args: string[], stdin?: string) => {
    const result = await runCli([...args, '--verbose'], twofold.env, stdin);
    cliOutput += result.stdout + result.stderr;
    expect({ args, code: result.code }).toEqual({ args, code: 0 });
    return result;
  };

  beforeAll(async () => {
    // trace: the most a misconfigured deployment could log.
    twofold = await startTwofold({ LOG_LEVEL: 'trace' }, { logTo: log });
    notes = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
    person = await createPerson(twofold);
    secrets.push(person.password);

    // The replay below must land while the replayed step is still accepted (else it is merely wrong).
    await earlyInTimeStep();
    const ua = new UserAgent(twofold.url);
    // A wrong password, an unknown email, then the first sign-in with enrolment.
    const started = await notes.start();
    const wrongPassword = 'Tr0ub4dor&3 wrong guess';
    secrets.push(wrongPassword);
    await submitPassword(ua, await ua.navigate(started.url), person.email, wrongPassword);
    await submitPassword(ua, await ua.navigate(started.url), 'nobody-here@example.com', wrongPassword);
    const { app, recoveryCodes } = await firstSignIn(ua, notes, person);
    secrets.push(
      app.secret,
      await app.codeAt(app.lastOffered),
      ...recoveryCodes,
      ...recoveryCodes.map((c) => c.replace(/-/g, '')),
    );

    // Second sign-in in another browser: a wrong code, a replayed code, the right code.
    const other = new UserAgent(twofold.url);
    const again = await notes.start();
    let visit = await submitPassword(other, await other.navigate(again.url), person.email, person.password);
    const wrong = await app.wrongCode();
    const replayed = await app.codeAt(app.lastOffered);
    visit = await other.submit(visit, '/code', { code: wrong });
    visit = await other.submit(visit, '/code', { code: replayed });
    expect(isCodePage(visit)).toBe(true);
    const right = await app.nextCode();
    secrets.push(wrong, replayed, right);
    const { id_token: idToken } = await notes.finish(
      callbackOf(await other.submit(visit, '/code', { code: right })),
      again,
    );
    // And signs out at the provider.
    expect(
      (await other.submit(await other.navigate(notes.logoutUrl(idToken!)), '/session/end/confirm', {}, 'yes')).leftTo,
    ).toBeDefined();

    // One wrong code short of the lock, then the wrong code that locks the authenticator.
    await twofold.db.authenticator.updateMany({
      where: { accountId: person.id },
      data: { failedCodes: twofold.config.rateLimits.codePerAccount - 1 },
    });
    const third = new UserAgent(twofold.url);
    const locking = await app.wrongCode();
    secrets.push(locking);
    const lockedAt = await notes.start();
    const locked = await third.submit(
      await submitPassword(third, await third.navigate(lockedAt.url), person.email, person.password),
      '/code',
      { code: locking },
    );
    expect(locked.status).toBe(403);

    // The phone is lost: a wrong recovery code, then a right one (typed loosely), then a new app.
    const wrongRecovery = generateRecoveryCode();
    const typedRecovery = recoveryCodes[0]!.toUpperCase().replace(/-/g, ' ');
    secrets.push(wrongRecovery, typedRecovery);
    const recoveryForm = await third.navigate(locked.url.pathname.replace(/\/code$/, '/recovery'));
    const refused = await third.submit(recoveryForm, '/recovery', { recovery_code: wrongRecovery });
    const enrolment = await third.submit(refused, '/recovery', { recovery_code: typedRecovery });
    expect(isEnrolmentPage(enrolment)).toBe(true);
    const relinked = await enrol(third, enrolment);
    secrets.push(relinked.app.secret, ...relinked.recoveryCodes);
    await notes.finish(callbackOf(relinked.visit), lockedAt);

    // The administrator: a client and a failed client authentication, key rotations, a reset.
    const added = await cli(['client', 'add', '--id', 'reports', '--grant', 'client_credentials', '--json']);
    const clientSecret = (JSON.parse(added.stdout) as { client_secret: string }).client_secret;
    secrets.push(clientSecret);
    const forged = `${clientSecret.slice(0, -4)}AAAA`;
    secrets.push(forged);
    expect((await clientCredentialsToken(twofold.url, 'reports', forged)).status).toBe(401);
    expect((await clientCredentialsToken(twofold.url, 'reports', clientSecret)).status).toBe(200);
    await cli(['keys', 'rotate']);
    await cli(['keys', 'rotate-secret']);
    await cli(['user', 'reset-mfa', person.email]);
    await cli(['client', 'remove', 'reports']);
    // Audit rows written by another process reach the log of that process, not this server's.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }, SLOW);
  afterAll(() => twofold.stop());

  it('records each kind of event in the audit table, with reasons for failures', async () => {
    const rows = await twofold.db.auditEvent.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    const of = (type: string) =>
      rows
        .filter((r) => r.type === type)
        .map((r) => (r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null));
    expect(of('signin_password_failed')).toEqual([{ reason: 'wrong_password' }, { reason: 'unknown_email' }]);
    expect(of('mfa_enrolled')).toHaveLength(2);
    expect(of('signin_succeeded')).toHaveLength(3);
    expect(of('recovery_codes_issued')).toEqual([{ count: 10 }, { count: 10 }]);
    expect(of('recovery_code_failed')).toEqual([{ reason: 'wrong_or_used' }]);
    expect(of('recovery_code_used')).toEqual([{ remaining: 9 }]);
    expect(of('otp_failed')).toEqual([{ reason: 'wrong_code', interaction: expect.any(String) }]);
    expect(of('otp_replay')).toHaveLength(1);
    expect(of('otp_locked')).toHaveLength(1);
    expect(of('client_added')).toEqual([expect.objectContaining({ source: 'cli' })]);
    expect(of('client_auth_failed')).toEqual([{ endpoint: 'token', reason: expect.any(String) }]);
    expect(rows.find((r) => r.type === 'client_auth_failed')).toMatchObject({
      clientId: 'reports',
      ip: expect.any(String),
    });
    expect(of('signing_keys_rotated')).toHaveLength(1);
    expect(of('secret_key_rotated')).toEqual([expect.objectContaining({ reencrypted: 1 })]);
    expect(of('mfa_reset')).toEqual([expect.objectContaining({ removed: 1, recoveryCodes: 10 })]);
    expect(of('client_removed')).toHaveLength(1);
    expect(rows.filter((r) => r.type === 'signed_out')).toEqual([
      expect.objectContaining({ accountId: person.id, clientId: 'notes', detail: '{"everywhere":true}' }),
    ]);
    // Sign-in events say who, from where, through which client.
    for (const row of rows.filter((r) => r.type.startsWith('signin_') || r.type.startsWith('otp_'))) {
      expect(row).toMatchObject({ clientId: 'notes', ip: expect.any(String) });
    }
  });

  it('writes every event the server records as a JSON log line too', async () => {
    const logged = log.lines().flatMap((line) => (line.audit ? [line.audit as { id: string; type: string }] : []));
    const rows = await twofold.db.auditEvent.findMany();
    // The CLI's events are logged by the CLI process (to its stderr with --verbose).
    const cliTypes = new Set([
      'client_added',
      'client_removed',
      'signing_keys_rotated',
      'secret_key_rotated',
      'mfa_reset',
      'enrollment_link_issued',
    ]);
    for (const row of rows.filter((r) => !cliTypes.has(r.type)))
      expect(logged).toContainEqual(expect.objectContaining({ id: row.id, type: row.type }));
    for (const type of cliTypes) expect(cliOutput).toContain(`"msg":"audit ${type}"`);
  });

  it('never writes a password, code, TOTP secret or client secret to a log line or an audit row', async () => {
    const rows = JSON.stringify(await twofold.db.auditEvent.findMany());
    expect(log.text.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      for (const [where, text] of [
        ['server log', log.text],
        ['CLI log', cliOutput.replace(/"client_secret":"[^"]+"/, '')],
        ['audit rows', rows],
      ] as const) {
        expect([where, secret, containsToken(text, secret)]).toEqual([where, secret, false]);
      }
    }
  });

  it(
    '`twofold audit` prints one account’s events, and a recent window',
    async () => {
      const mine = await runCli(['audit', '--user', person.email.toUpperCase(), '--json'], twofold.env);
      expect({ code: mine.code, stderr: mine.stderr }).toEqual({ code: 0, stderr: '' });
      const events = JSON.parse(mine.stdout) as { type: string; email: string; ip: string | null; detail: unknown }[];
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          'signin_password_failed',
          'mfa_enrolled',
          'signin_succeeded',
          'otp_failed',
          'otp_replay',
          'otp_locked',
          'recovery_code_used',
          'mfa_reset',
        ]),
      );
      expect(new Set(events.map((e) => e.email))).toEqual(new Set([person.email]));
      expect(events.map((e) => e.type)).not.toContain('client_added');

      const table = await runCli(['audit', '--since', '1h'], twofold.env);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^AT\s+EVENT\s+ACCOUNT\s+CLIENT\s+IP\s+DETAIL$/m);
      expect(table.stdout).toMatch(/\ssecret_key_rotated\s/);
      expect(table.stdout).toMatch(/\sclient_auth_failed\s+reports\s/);
      for (const secret of secrets) expect(containsToken(table.stdout, secret)).toBe(false);

      const future = await runCli(['audit', '--since', '0s', '--json'], twofold.env);
      expect(JSON.parse(future.stdout)).toEqual([]);
    },
    SLOW,
  );
});
