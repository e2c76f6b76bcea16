// Issue 12: many people linking their app at the same moment, and others using a recovery code and
// linking a new one, through the real pages. On PostgreSQL the enrolment and the new set of recovery
// codes are SERIALIZABLE transactions, and transactions that overlap on the same index pages abort
// one another (SQLSTATE 40001, or 40P01); each is retried (src/database/serializable.ts) until it
// commits. What a person sees: never a 500; either the enrolment went through (the recovery codes
// page, then the application) or the page said it did not ("temporarily unavailable, nothing was
// changed") and nothing was changed; and afterwards the database holds exactly what the pages said
// (one app, the one the person set up, and the set of recovery codes the person was shown).
// SQLite runs its write transactions one at a time: there the same stories run, fewer of them; a
// conflict there is only a transaction that read before the server's own SQLite connection wrote,
// and it is retried the same way (database-errors.test.ts).
import { LogCapture } from '../support/log-capture.js';
import { callTogether } from '../support/together.js';
import { testDatabaseKind } from '../support/databases.js';
import { RelyingParty } from '../support/relying-party.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgentAt } from '../support/from-address.js';
import type { UserAgent, Visit } from '../support/user-agent.js';
import type { AuthenticatorApp } from '../support/authenticator-app.js';
import {
  callbackOf,
  createPerson,
  isCodePage,
  isEnrolmentPage,
  isRecoveryCodesPage,
  isRecoveryPage,
  saveRecoveryCodes,
  signIn,
  submitEnrolment,
  submitPassword,
} from '../support/sign-in.js';
import { normalizeRecoveryCode, recoveryCodeDigest } from '../../src/mfa/recovery-codes/codes.js';

const onPostgres = testDatabaseKind() === 'postgresql';
// People per wave, all submitting at once; waves one after the other.
const AT_ONCE = onPostgres ? 6 : 3;
const WAVES = onPostgres ? 10 : 2;
const SLOW = 600_000;
const RETRIED = 'serializable transaction retried after a serialization conflict';

type Person = Awaited<ReturnType<typeof createPerson>>;
interface Story {
  person: Person;
  address: string;
  /** What the pages said is linked, once they said so. */
  app?: AuthenticatorApp;
  /** The recovery codes the last page of new codes showed. */
  recoveryCodes?: string[];
}

describe(`concurrent enrolments and recoveries on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  const log = new LogCapture();
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true', LOG_LEVEL: 'info' }, { logTo: log });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  }, SLOW);
  afterAll(() => twofold.stop());

  /**
   * The wave's enrolments write at the same moment: their transactions overlap as on a busy
   * server, rather than one after another because one person's page happened to be quicker.
   */
  const enrolTogether = (count: number) => callTogether(twofold.authenticators, 'enroll', count);

  const isUnavailable = (visit: Visit) =>
    visit.status === 503 && visit.body.includes('Nothing was changed: wait a minute, then try again.');

  const digest = (accountId: string, code: string) => recoveryCodeDigest(accountId, normalizeRecoveryCode(code)!);

  /** What the database holds for the account: its confirmed apps and the digests of its unused codes. */
  async function stored(accountId: string) {
    const apps = await twofold.db.authenticator.findMany({ where: { accountId, confirmedAt: { not: null } } });
    const codes = await twofold.db.recoveryCode.findMany({ where: { accountId, usedAt: null } });
    return { apps: apps.length, codes: codes.map((c) => c.digest).sort() };
  }

  /**
   * On the enrolment page: links the app (with everyone else of the wave at the same moment). Then
   * either the recovery codes page, saved, and back at the application; or the page saying nothing
   * was changed, the database agreeing, and the person tries again from the sign-in's page.
   * Returns how many times the person was told to try again.
   */
  async function linkApp(
    story: Story,
    ua: UserAgent,
    page: Visit,
    started: Awaited<ReturnType<RelyingParty['start']>>,
  ): Promise<number> {
    for (let refused = 0; refused < 3; refused++) {
      const before = await stored(story.person.id);
      const { app, visit } = await submitEnrolment(ua, page);
      if (isUnavailable(visit)) {
        expect(await stored(story.person.id)).toEqual(before);
        page = await ua.navigate(page.url);
        continue;
      }
      if (!isRecoveryCodesPage(visit))
        throw new Error(`unexpected answer ${visit.status} ${visit.url}:\n${visit.body}`);
      const saved = await saveRecoveryCodes(ua, visit);
      expect(saved.recoveryCodes).toHaveLength(10);
      story.app = app;
      story.recoveryCodes = saved.recoveryCodes;
      expect((await rp.finish(callbackOf(saved.visit), started)).claims()!.sub).toBe(story.person.id);
      return refused;
    }
    throw new Error(`${story.person.email}: refused three times in a row`);
  }

  async function firstSignIn(story: Story): Promise<number> {
    const ua = new UserAgentAt(twofold.url, story.address);
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), story.person.email, story.person.password);
    expect(isEnrolmentPage(page)).toBe(true);
    return linkApp(story, ua, page, started);
  }

  /** The phone is lost: a recovery code from the last set shown, then a new app in the same sign-in. */
  async function recover(story: Story): Promise<number> {
    const ua = new UserAgentAt(twofold.url, story.address);
    const started = await rp.start();
    const codePage = await submitPassword(
      ua,
      await ua.navigate(started.url),
      story.person.email,
      story.person.password,
    );
    expect(isCodePage(codePage)).toBe(true);
    const href = /href="(\/interaction\/[^"]+\/recovery)"/.exec(codePage.body)?.[1];
    if (!href) throw new Error(`no recovery link on ${codePage.url}:\n${codePage.body}`);
    const form = await ua.navigate(href);
    expect(isRecoveryPage(form)).toBe(true);
    const enrolment = await ua.submit(form, '/recovery', { recovery_code: story.recoveryCodes![0]! });
    expect(isEnrolmentPage(enrolment)).toBe(true);
    return linkApp(story, ua, enrolment, started);
  }

  /** Runs `step` for every story, AT_ONCE at a time, each wave's enrolments writing together. */
  async function inWaves(stories: Story[], step: (story: Story) => Promise<number>): Promise<number> {
    let refusals = 0;
    for (let at = 0; at < stories.length; at += AT_ONCE) {
      const wave = stories.slice(at, at + AT_ONCE);
      const released = enrolTogether(wave.length);
      try {
        for (const refused of await Promise.all(wave.map(step))) refusals += refused;
      } finally {
        released();
      }
    }
    return refusals;
  }

  it(
    'every enrolment is complete or cleanly refused, no 500, and the database holds what the pages said',
    async () => {
      const stories: Story[] = [];
      for (let i = 0; i < AT_ONCE * WAVES; i++) {
        stories.push({ person: await createPerson(twofold), address: `198.51.100.${i + 1}` });
      }

      const refusals = await inWaves(stories, firstSignIn);
      // Every other person loses their phone and links a new one with a recovery code.
      const recovering = stories.filter((_, i) => i % 2 === 0);
      const moreRefusals = await inWaves(recovering, recover);

      for (const story of stories) {
        // One app, and only the codes of the last set the person was shown.
        expect({ email: story.person.email, ...(await stored(story.person.id)) }).toEqual({
          email: story.person.email,
          apps: 1,
          codes: story.recoveryCodes!.map((code) => digest(story.person.id, code)).sort(),
        });
        // The app the pages said is linked is the one that signs the person in.
        const { tokens } = await signIn(new UserAgentAt(twofold.url, story.address), rp, story.person, story.app!);
        expect(tokens.claims()!.sub).toBe(story.person.id);
      }

      const lines = log.lines();
      const failed = lines.filter((l) => l.msg === 'request' && Number(l.status) >= 500 && l.status !== 503);
      expect(failed).toEqual([]);
      const retried = lines.filter((l) => l.msg === RETRIED).length;
      // On PostgreSQL the overlapping transactions did conflict (else this test proved nothing).
      if (onPostgres) expect(retried).toBeGreaterThan(0);
      // Retried conflicts rarely run out of attempts; when they did, the person was told so, above.
      expect(refusals + moreRefusals).toBeLessThanOrEqual(retried);
    },
    SLOW,
  );
});
