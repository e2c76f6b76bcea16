// The authenticator store on a real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql):
// what an attacker holding a stolen code, a fast guesser, or a database dump would run into.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { base32 } from '@otplib/plugin-base32-scure';
import { crypto } from '@otplib/plugin-crypto-node';
import { generateSync } from '@otplib/totp';
import type { DatabaseConfig } from '../../src/config/index.js';
import { openDatabase, type Database } from '../../src/database/client.js';
import { migrate } from '../../src/database/migrate.js';
import type { SecretKey } from '../../src/keys/index.js';
import { AuthenticatorStore } from '../../src/mfa/totp-app/store.js';
import { SecretBox, SecretBoxError } from '../../src/mfa/secret-box.js';
import { formatSecretForHumans, generateTotpSecret, timeStep } from '../../src/mfa/totp-app/totp.js';
import { ManualClock } from '../support/clock.js';
import { createPostgresDatabase, dropPostgresDatabase, tempDir, testDatabaseKind } from '../support/databases.js';

const NOW = 1_700_000_015_000; // the middle of a 30 s step
const STEP = timeStep(NOW);
const at = (steps: number) => NOW + steps * 30_000;
const DAY = 86_400_000;
// Every store below reads this clock; verifyAt moves it to the moment of each check.
const clock = new ManualClock(NOW);

function verifyAt(on: AuthenticatorStore, time: number, accountId: string, code: string, signIn = 'sign-in') {
  clock.set(time);
  return on.verify(accountId, code, signIn);
}

function codeFor(secret: string, step: number): string {
  return generateSync({ secret, crypto, base32, algorithm: 'sha1', digits: 6, period: 30, epoch: step * 30 });
}

/** A well-formed code that matches none of the steps accepted at `now`. */
function wrongCode(secret: string, now: number): string {
  const step = timeStep(now);
  const valid = new Set([step - 1, step, step + 1].map((s) => codeFor(secret, s)));
  for (;;) {
    const candidate = String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

function newKey(kid: string): SecretKey {
  return { kid, key: randomBytes(32).toString('base64url') };
}

async function openFreshDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  let config: DatabaseConfig;
  let drop = async () => {};
  if (testDatabaseKind() === 'postgresql') {
    const url = await createPostgresDatabase();
    // Enough connections for the parallel submissions below to really run at the same time.
    config = { kind: 'postgresql', url, poolSize: 12 };
    drop = () => dropPostgresDatabase(url);
  } else {
    const file = join(tempDir(), 'twofold.db');
    config = { kind: 'sqlite', file, url: `file:${file}` };
  }
  await migrate(config);
  const db = await openDatabase(config);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await drop();
    },
  };
}

describe('authenticators', () => {
  let db: Database;
  let close: () => Promise<void>;
  const k1 = newKey('k1');
  let box: SecretBox;
  let store: AuthenticatorStore;

  beforeAll(async () => {
    ({ db, close } = await openFreshDatabase());
    box = new SecretBox([k1]);
    store = new AuthenticatorStore(db, box, { clock });
  });
  afterAll(() => close());

  async function newAccount(): Promise<string> {
    const id = randomUUID();
    await db.account.create({ data: { id, email: `${id}@example.com`, passwordHash: 'not-a-real-hash' } });
    return id;
  }

  /** An account enrolled at STEP with a fresh secret, as the enrolment page would leave it. */
  async function enrolled(on: AuthenticatorStore = store): Promise<{ accountId: string; secret: string }> {
    const accountId = await newAccount();
    const secret = generateTotpSecret();
    await on.enroll(accountId, 'Authenticator app', secret, STEP);
    return { accountId, secret };
  }

  it('enrols a confirmed authenticator and shows it without its secret', async () => {
    const accountId = await newAccount();
    const secret = generateTotpSecret();
    const view = await store.enroll(accountId, '  Phone  ', secret, STEP);
    expect(view).toEqual({
      id: expect.any(String),
      name: 'Phone',
      createdAt: expect.any(Date),
      confirmedAt: expect.any(Date),
      lastUsedAt: view.confirmedAt,
      locked: false,
    });
    expect(view.lastUsedAt).toEqual(expect.any(Date));
    expect(await store.list(accountId)).toEqual([view]);
    expect(JSON.stringify(await store.list(accountId))).not.toContain(secret);
    expect(await store.list(await newAccount())).toEqual([]);
  });

  it('links up to MAX_AUTHENTICATORS apps to one account, even when they arrive at once, and no more', async () => {
    const { accountId } = await enrolled();
    await store.enroll(accountId, 'Second phone', generateTotpSecret(), STEP);
    expect((await store.list(accountId)).map((a) => a.name)).toEqual(['Authenticator app', 'Second phone']);

    const racing = await newAccount();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.enroll(racing, `Phone ${i}`, generateTotpSecret(), STEP)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(store.maxAuthenticators);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'TooManyAuthenticatorsError' });
    expect(await store.list(racing)).toHaveLength(store.maxAuthenticators);
  });

  it('does not accept the enrolment code again to sign in', async () => {
    const { accountId, secret } = await enrolled();
    expect(await verifyAt(store, NOW, accountId, codeFor(secret, STEP))).toMatchObject({ ok: false, reason: 'replay' });
  });

  it('accepts a code once: the same code, or an older step, is a replay', async () => {
    const { accountId, secret } = await enrolled();
    const code = codeFor(secret, STEP + 1);
    const first = await verifyAt(store, at(1), accountId, code);
    expect(first).toEqual({ ok: true, authenticatorId: expect.any(String) });
    expect(await verifyAt(store, at(1), accountId, code)).toMatchObject({ ok: false, reason: 'replay' });
    expect(await verifyAt(store, at(1), accountId, ` ${code.slice(0, 3)} ${code.slice(3)} `)).toMatchObject({
      ok: false,
      reason: 'replay',
    });
    // The previous step is still inside the ±1 window, but older than the one just accepted.
    expect(await verifyAt(store, at(1), accountId, codeFor(secret, STEP))).toMatchObject({
      ok: false,
      reason: 'replay',
    });
    expect((await store.list(accountId))[0]!.lastUsedAt).toEqual(new Date(at(1)));
    // A later step works.
    expect(await verifyAt(store, at(2), accountId, codeFor(secret, STEP + 2))).toMatchObject({ ok: true });
  });

  it('lets exactly one of ten simultaneous submissions of one code through', async () => {
    const { accountId, secret } = await enrolled();
    const code = codeFor(secret, STEP + 1);
    const results = await Promise.all(Array.from({ length: 10 }, () => verifyAt(store, at(1), accountId, code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'replay')).toHaveLength(9);
    expect(await verifyAt(store, at(2), accountId, codeFor(secret, STEP + 2))).toMatchObject({ ok: true });
    // None of them was a guess: the guessing budget is whole.
    expect((await db.authenticator.findFirstOrThrow({ where: { accountId } })).guessesInWindow).toBe(0);
  });

  it('lets exactly one through even when every request read the authenticator before any wrote', async () => {
    const { accountId, secret } = await enrolled();
    const parallel = 10;
    // A barrier after the read: all ten see the old last step, so only the conditional UPDATE decides.
    let arrived = 0;
    let release!: () => void;
    const allRead = new Promise<void>((resolve) => (release = resolve));
    const gated = db.$extends({
      query: {
        authenticator: {
          async findMany({ args, query }) {
            const row = await query(args);
            if (++arrived === parallel) release();
            await allRead;
            return row;
          },
        },
      },
    }) as unknown as Database;
    const racing = new AuthenticatorStore(gated, box, { clock });
    const code = codeFor(secret, STEP + 1);
    // Two sign-ins (two tabs), each submitting the code five times (double clicks).
    const signIns = Array.from({ length: parallel }, (_, i) => (i % 2 ? 'tab-1' : 'tab-2'));
    const results = await Promise.all(signIns.map((signIn) => verifyAt(racing, at(1), accountId, code, signIn)));
    expect(arrived).toBe(parallel);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'replay')).toHaveLength(parallel - 1);
    // Lost the race after reading: a replay of its own sign-in's code only for the winner's sign-in.
    const winner = signIns[results.findIndex((r) => r.ok)];
    for (const [i, r] of results.entries())
      if (!r.ok)
        expect({ signIn: signIns[i], sameSignIn: r.sameSignIn }).toEqual({
          signIn: signIns[i],
          sameSignIn: signIns[i] === winner,
        });
  });

  it("tells the code a sign-in just had accepted, sent again in that sign-in, from anyone else's replay", async () => {
    const { accountId, secret } = await enrolled();
    const code = codeFor(secret, STEP + 1);
    expect(await verifyAt(store, at(1), accountId, code, 'mine')).toMatchObject({ ok: true });
    // The same sign-in sends it again (a double click): still refused, but known to be its own.
    expect(await verifyAt(store, at(1), accountId, code, 'mine')).toMatchObject({ reason: 'replay', sameSignIn: true });
    // Someone else's sign-in with the code that was just used: a replay to be told about.
    expect(await verifyAt(store, at(1), accountId, code, 'theirs')).toMatchObject({
      reason: 'replay',
      sameSignIn: false,
    });
    // An older step, even in the sign-in that accepted the newer one, was never accepted by it.
    expect(await verifyAt(store, at(1), accountId, codeFor(secret, STEP), 'mine')).toMatchObject({
      reason: 'replay',
      sameSignIn: false,
    });
    // The enrolment code was accepted by no sign-in that can type it again.
    const fresh = await enrolled();
    expect(await verifyAt(store, NOW, fresh.accountId, codeFor(fresh.secret, STEP), 'mine')).toMatchObject({
      reason: 'replay',
      sameSignIn: false,
    });
  });

  it('locks after 100 consecutive wrong codes, counted across attempts, reset by a success', async () => {
    // A budget far above 100, so that only the consecutive count decides here.
    const store = new AuthenticatorStore(db, box, { clock, guessBudget: { guesses: 1000, windowMs: DAY } });
    const { accountId, secret } = await enrolled(store);
    const failures = async (n: number, now: number) => {
      const results = [];
      for (let i = 0; i < n; i++) results.push(await verifyAt(store, now, accountId, wrongCode(secret, now)));
      return results;
    };
    const row = () => db.authenticator.findFirstOrThrow({ where: { accountId } });

    expect((await failures(99, at(1))).every((r) => !r.ok && r.reason === 'wrong')).toBe(true);
    expect((await row()).failedCodes).toBe(99);
    // A replay or a malformed code is not a guess at the secret: neither counts.
    expect(await verifyAt(store, at(1), accountId, codeFor(secret, STEP))).toMatchObject({ reason: 'replay' });
    expect(await verifyAt(store, at(1), accountId, '12345')).toMatchObject({ reason: 'malformed' });
    expect((await row()).failedCodes).toBe(99);
    // The person gets it right: the count starts again.
    expect(await verifyAt(store, at(1), accountId, codeFor(secret, STEP + 1))).toMatchObject({ ok: true });
    expect((await row()).failedCodes).toBe(0);

    expect((await failures(99, at(2))).every((r) => !r.ok && r.reason === 'wrong')).toBe(true);
    expect(await failures(1, at(2))).toEqual([{ ok: false, reason: 'locked', lockedNow: true }]);
    expect((await row()).lockedAt).not.toBeNull();
    expect((await store.list(accountId))[0]!.locked).toBe(true);
    // Locked means locked: the right code is refused too, and further guesses are not counted.
    expect(await verifyAt(store, at(2), accountId, codeFor(secret, STEP + 2))).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await failures(1, at(2))).toMatchObject([{ ok: false, reason: 'locked' }]);
    expect((await row()).failedCodes).toBe(100);

    // An administrator unlocks: the code works again.
    expect(await store.unlock(accountId)).toBe(1);
    expect(await verifyAt(store, at(2), accountId, codeFor(secret, STEP + 2))).toMatchObject({ ok: true });
  });

  describe('the guessing budget', () => {
    const BUDGET = 6;
    const WINDOW = 30 * DAY;
    const budgeted = () =>
      new AuthenticatorStore(db, box, { clock, guessBudget: { guesses: BUDGET, windowMs: WINDOW } });
    const wrong = (on: AuthenticatorStore, time: number, accountId: string, secret: string) =>
      verifyAt(on, time, accountId, wrongCode(secret, time));

    it('a right code in between gives nothing back: the sixth wrong code of the window locks the app', async () => {
      const on = budgeted();
      const { accountId, secret } = await enrolled(on);
      // The attacker guesses a few codes a day; the owner signs in every day in between.
      for (let day = 0; day < BUDGET - 1; day++) {
        const time = at(1) + day * DAY;
        expect(await wrong(on, time, accountId, secret)).toMatchObject({ ok: false, reason: 'wrong' });
        expect(await verifyAt(on, time + 60_000, accountId, codeFor(secret, timeStep(time + 60_000)))).toMatchObject({
          ok: true,
        });
      }
      // A replay is not a guess at the secret: it costs nothing.
      const used = at(1) + (BUDGET - 2) * DAY + 60_000;
      expect(await verifyAt(on, used, accountId, codeFor(secret, timeStep(used)))).toMatchObject({ reason: 'replay' });
      const last = at(1) + BUDGET * DAY;
      expect(await wrong(on, last, accountId, secret)).toEqual({
        ok: false,
        reason: 'locked',
        lockedNow: true,
      });
      expect(await verifyAt(on, last, accountId, codeFor(secret, timeStep(last)))).toMatchObject({ reason: 'locked' });
      expect(await db.authenticator.findFirstOrThrow({ where: { accountId } })).toMatchObject({
        guessesInWindow: BUDGET,
        failedCodes: 1,
      });
    });

    it('a window after it opened, the budget is whole again', async () => {
      const on = budgeted();
      const { accountId, secret } = await enrolled(on);
      for (let i = 0; i < BUDGET - 1; i++)
        expect(await wrong(on, at(1), accountId, secret)).toMatchObject({ reason: 'wrong' });
      // Still inside the window that opened at the first wrong code.
      expect(await wrong(on, at(1) + WINDOW - 60_000, accountId, secret)).toMatchObject({ lockedNow: true });

      const other = await enrolled(on);
      for (let i = 0; i < BUDGET - 1; i++)
        expect(await wrong(on, at(1), other.accountId, other.secret)).toMatchObject({ reason: 'wrong' });
      // The window is over: a new one opens with this wrong code, and five more may follow.
      const later = at(1) + WINDOW + 60_000;
      for (let i = 0; i < BUDGET - 1; i++)
        expect(await wrong(on, later, other.accountId, other.secret)).toMatchObject({ reason: 'wrong' });
      expect(await wrong(on, later, other.accountId, other.secret)).toMatchObject({ lockedNow: true });
    });

    it('simultaneous guesses never check more codes than the budget holds', async () => {
      const on = budgeted();
      const { accountId, secret } = await enrolled(on);
      const results = await Promise.all(
        Array.from({ length: 4 * BUDGET }, () => verifyAt(on, at(1), accountId, wrongCode(secret, at(1)))),
      );
      // Each check took its point first: six were checked, the rest found the budget spent and
      // the first of those locked the app (the checks still in flight then find it locked).
      expect(results.every((r) => !r.ok && (r.reason === 'wrong' || r.reason === 'locked'))).toBe(true);
      expect(results.filter((r) => !r.ok && r.reason === 'wrong').length).toBeLessThan(BUDGET);
      expect(results.filter((r) => !r.ok && r.lockedNow)).toHaveLength(1);
      expect((await db.authenticator.findFirstOrThrow({ where: { accountId } })).guessesInWindow).toBe(BUDGET);
    });

    it('an administrator unlock gives the whole budget back', async () => {
      const on = budgeted();
      const { accountId, secret } = await enrolled(on);
      for (let i = 0; i < BUDGET; i++) await wrong(on, at(1), accountId, secret);
      expect((await on.list(accountId))[0]!.locked).toBe(true);
      expect(await on.unlock(accountId)).toBe(1);
      for (let i = 0; i < BUDGET - 1; i++)
        expect(await wrong(on, at(1), accountId, secret)).toMatchObject({ reason: 'wrong' });
    });
  });

  describe('clock drift (RFC 6238 §6)', () => {
    const drift = async (accountId: string) =>
      (await db.authenticator.findFirstOrThrow({ where: { accountId } })).drift;
    /** The app's code at `offset` steps from the server's step at `time` (a phone whose clock is off). */
    const offBy = (secret: string, time: number, offset: number) => codeFor(secret, timeStep(time) + offset);

    it('an app whose clock is 60 s fast: the first code is refused, the next one moves the window there, and it keeps working', async () => {
      const { accountId, secret } = await enrolled();
      expect(await verifyAt(store, at(10), accountId, offBy(secret, at(10), 2))).toMatchObject({ reason: 'wrong' });
      expect(await verifyAt(store, at(11), accountId, offBy(secret, at(11), 2))).toMatchObject({ ok: true });
      expect(await drift(accountId)).toBe(2);
      for (let k = 12; k < 40; k += 2)
        expect(await verifyAt(store, at(k) + 7_000, accountId, offBy(secret, at(k) + 7_000, 2))).toMatchObject({
          ok: true,
        });
      // Never wider than one step either side of the learned offset.
      expect(await verifyAt(store, at(41), accountId, offBy(secret, at(41), 1))).toMatchObject({ ok: true });
      expect(await verifyAt(store, at(41), accountId, offBy(secret, at(41), 3))).toMatchObject({ ok: true });
      for (const offset of [-1, 0, 4, 5, 6])
        expect(await verifyAt(store, at(50), accountId, offBy(secret, at(50), offset))).toMatchObject({
          reason: 'wrong',
        });
      expect(await drift(accountId)).toBe(2);
    });

    it('a phone a few seconds fast, read late or early in a step (codes at −1, 0 and +1), is never refused and never moves the window', async () => {
      const { accountId, secret } = await enrolled();
      // The reverted rule learned −1 from codes typed just after their step ended, then refused the
      // next code one step ahead: here −1 twice, then +1, and every other order.
      const offsets = [-1, -1, 1, 0, -1, 1, 1, -1, 0, 0, 1, -1, -1, -1, 1, 0, 1, 1, 1, -1];
      for (const [i, offset] of offsets.entries()) {
        // Anywhere in the step: from its first moment to its last.
        const time = (STEP + 3 * (i + 1)) * 30_000 + ((i * 7_919) % 30_000);
        const result = await verifyAt(store, time, accountId, offBy(secret, time, offset));
        expect({ i, offset, result }).toMatchObject({ i, offset, result: { ok: true } });
        expect(await drift(accountId)).toBe(0);
      }
    });

    it('two codes just outside the window move it only at the same offset and close together', async () => {
      const { accountId, secret } = await enrolled();
      expect(await verifyAt(store, at(10), accountId, offBy(secret, at(10), 2))).toMatchObject({ reason: 'wrong' });
      expect(await verifyAt(store, at(11), accountId, offBy(secret, at(11), -2))).toMatchObject({ reason: 'wrong' });
      // Ten minutes later: not the second of two consecutive codes.
      expect(await verifyAt(store, at(31), accountId, offBy(secret, at(31), -2))).toMatchObject({ reason: 'wrong' });
      expect(await drift(accountId)).toBe(0);
      // The same code twice is no confirmation either (its step is not later).
      expect(await verifyAt(store, at(31), accountId, offBy(secret, at(31), -2))).toMatchObject({ reason: 'wrong' });
      expect(await verifyAt(store, at(32), accountId, offBy(secret, at(32), -2))).toMatchObject({ ok: true });
      expect(await drift(accountId)).toBe(-2);
    });
  });

  it('answers malformed input without touching the database', async () => {
    const { accountId } = await enrolled();
    let queries = 0;
    const counted = db.$extends({
      query: {
        $allOperations({ args, query }) {
          queries++;
          return query(args) as Promise<unknown>;
        },
      },
    }) as unknown as Database;
    const watched = new AuthenticatorStore(counted, box, { clock });
    for (const code of ['', '12345', '1234567', 'abcdef', '１２３４５６', '12 34 5']) {
      expect(await verifyAt(watched, NOW, accountId, code)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(queries).toBe(0);
    expect(await verifyAt(watched, NOW, accountId, '000000')).toMatchObject({ ok: false });
    expect(queries).toBeGreaterThan(0);
  });

  it('forgets every authenticator of an account on an administrator reset; the person can enrol again', async () => {
    const { accountId, secret } = await enrolled();
    const other = await enrolled();
    expect(await store.removeAll(accountId)).toBe(1);
    expect(await store.list(accountId)).toEqual([]);
    expect(await verifyAt(store, at(1), accountId, codeFor(secret, STEP + 1))).toEqual({
      ok: false,
      reason: 'not_enrolled',
    });
    expect(await store.removeAll(accountId)).toBe(0);
    expect(await store.list(other.accountId)).toHaveLength(1);
    const fresh = generateTotpSecret();
    await store.enroll(accountId, 'New phone', fresh, STEP + 1);
    expect(await verifyAt(store, at(2), accountId, codeFor(fresh, STEP + 2))).toMatchObject({ ok: true });
  });

  it('keeps codes working after the secrets are re-encrypted under a new key', async () => {
    const { db: own, close: closeOwn } = await openFreshDatabase();
    try {
      const oldBox = new SecretBox([k1]);
      const before = new AuthenticatorStore(own, oldBox, { clock });
      const people: { accountId: string; secret: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const accountId = randomUUID();
        await own.account.create({ data: { id: accountId, email: `${accountId}@example.com`, passwordHash: 'x' } });
        const secret = generateTotpSecret();
        await before.enroll(accountId, 'Phone', secret, STEP);
        people.push({ accountId, secret });
      }
      const k2 = newKey('k2');
      const rotated = new AuthenticatorStore(own, new SecretBox([k2, k1]), { clock });
      expect(await rotated.reencryptAll()).toBe(3);
      expect(await rotated.reencryptAll()).toBe(0);
      expect((await own.authenticator.findMany()).map((r) => r.secretKeyId)).toEqual(['k2', 'k2', 'k2']);
      // The old key can now be retired: a box holding only the new key opens every secret.
      const newOnly = new AuthenticatorStore(own, new SecretBox([k2]), { clock });
      for (const { accountId, secret } of people) {
        expect(await verifyAt(newOnly, at(1), accountId, codeFor(secret, STEP + 1))).toMatchObject({ ok: true });
      }
    } finally {
      await closeOwn();
    }
  });

  it('stores no secret a database dump could reveal, and a sealed secret copied to another account does not open', async () => {
    const victim = await enrolled();
    const attacker = await enrolled();
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM authenticators');
    const dump = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    for (const { secret } of [victim, attacker]) {
      for (const form of [
        secret,
        secret.toLowerCase(),
        formatSecretForHumans(secret),
        Buffer.from(base32.decode(secret)).toString('hex'),
        Buffer.from(base32.decode(secret)).toString('base64'),
      ]) {
        expect(dump).not.toContain(form);
      }
    }
    // The attacker can write to the table and copies the victim's sealed secret onto their own row.
    const stolen = await db.authenticator.findFirstOrThrow({ where: { accountId: victim.accountId } });
    await db.authenticator.updateMany({
      where: { accountId: attacker.accountId },
      data: { secretCiphertext: stolen.secretCiphertext, secretKeyId: stolen.secretKeyId },
    });
    await expect(verifyAt(store, at(1), attacker.accountId, codeFor(victim.secret, STEP + 1))).rejects.toThrow(
      SecretBoxError,
    );
  });
});
