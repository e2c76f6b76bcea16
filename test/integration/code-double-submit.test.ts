// A person double-clicks "Continue" on the code page, or a password manager submits the form while
// they press Enter: the same right code arrives several times at once in one sign-in. One of them
// signs the person in; the others are that very sign-in's own code, neither a guess (no rate-limit
// point is kept) nor an alarm (no "someone tried to reuse your code" at the next sign-in). The same
// code typed in another sign-in is still a replay, and still told.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import { parseForms, type UserAgent, type Visit } from '../support/user-agent.js';
import { callbackOf, createPerson, firstSignIn, isCodePage, submitPassword } from '../support/sign-in.js';
import { earlyInTimeStep } from '../support/authenticator-app.js';

// Per (account, address) and per address: a code kept as a guess after each of a few sign-ins would
// soon refuse this person's sign-ins from home with 429. (Submissions in flight at the same moment
// each hold a point until they are answered, so a double click needs two.)
const CODE_LIMIT = 3;
const SUBMISSIONS = 2;
// Each test from an address of its own: the per-address limit is shared by everyone there.
let lastOctet = 20;
const newHome = () => `192.0.2.${++lastOctet}`;

const isNotice = (visit: Visit) =>
  visit.status === 200 && visit.body.includes('<h1>Someone tried to reuse your code</h1>');

/** Sends the form as the browser does on a click, without following the answer. */
function click(ua: UserAgent, page: Visit, actionSuffix: string, values: Record<string, string>): Promise<Response> {
  const form = parseForms(page.body).find((f) => f.action.endsWith(actionSuffix));
  if (!form) throw new Error(`no form ${actionSuffix} on ${page.url}:\n${page.body}`);
  return ua.fetch(new URL(form.action, page.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...values }).toString(),
  });
}

describe('the same code sent twice in one sign-in', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({
      TRUST_PROXY: 'true',
      RATE_LIMIT_CODE_PER_ACCOUNT_IP: String(CODE_LIMIT),
      RATE_LIMIT_CODE_PER_IP: String(CODE_LIMIT),
    });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  async function atCodePage(ua: UserAgent, person: { email: string; password: string }) {
    const started = await rp.start();
    const codePage = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    return { started, codePage };
  }

  /**
   * Holds each code check until `count` of them have arrived: every submission has read the state
   * of its sign-in (code still owed) before any checks the code, as on a busy server or several
   * instances, so all but one lose to the first to be accepted rather than finding the sign-in done.
   */
  function checkTogether(count: number): () => void {
    const store = twofold.authenticators;
    const verify = store.verify.bind(store);
    let arrived = 0;
    let release!: () => void;
    const all = new Promise<void>((resolve) => (release = resolve));
    store.verify = async (...args) => {
      if (++arrived === count) release();
      await all;
      return verify(...args);
    };
    return () => {
      store.verify = verify;
    };
  }

  const eventsOf = async (accountId: string, type: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === type);

  it('signs the person in once, keeps no point of the repeats, and raises no alarm, sign-in after sign-in', async () => {
    const HOME = newHome();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);

    // More sign-ins than the limits have points: each repeat kept as a guess would end in 429.
    for (let round = 1; round <= CODE_LIMIT + 2; round++) {
      await earlyInTimeStep();
      const ua = new UserAgentAt(twofold.url, HOME);
      const { started, codePage } = await atCodePage(ua, person);
      const code = await app.nextCode();
      const released = checkTogether(SUBMISSIONS);
      const answers = await Promise.all(
        Array.from({ length: SUBMISSIONS }, () => click(ua, codePage, '/code', { code })),
      ).finally(released);
      // None refused, none shown as a used code: each answer moves the sign-in on.
      expect(answers.map((a) => ({ round, status: a.status }))).toEqual(answers.map(() => ({ round, status: 303 })));
      // The browser shows the answer to the last click; it leads back to the application.
      const shown = await ua.navigate(new URL(answers.at(-1)!.headers.get('location')!, codePage.url));
      const tokens = await rp.finish(callbackOf(shown), started);
      expect(tokens.claims()!.sub).toBe(person.id);
      expect({ round, signIns: (await eventsOf(person.id, 'signin_succeeded')).length }).toEqual({
        round,
        signIns: round + 1,
      });
    }
    expect(await eventsOf(person.id, 'otp_replay')).toEqual([]);
    expect(await eventsOf(person.id, 'rate_limited')).toEqual([]);

    // The next sign-in from home: no 429, and no notice of a reused code.
    await earlyInTimeStep();
    const ua = new UserAgentAt(twofold.url, HOME);
    const { started, codePage } = await atCodePage(ua, person);
    const done = await ua.submit(codePage, '/code', { code: await app.nextCode() });
    expect(isNotice(done)).toBe(false);
    expect((await rp.finish(callbackOf(done), started)).claims()!.sub).toBe(person.id);
  });

  it('a sign-in whose answer arrives after the other finished goes on to the application too', async () => {
    const HOME = newHome();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    await earlyInTimeStep();
    const ua = new UserAgentAt(twofold.url, HOME);
    const { started, codePage } = await atCodePage(ua, person);
    const code = await app.nextCode();
    // One after the other: the second reaches a sign-in whose both factors have passed.
    const first = await click(ua, codePage, '/code', { code });
    const second = await click(ua, codePage, '/code', { code });
    expect([first.status, second.status]).toEqual([303, 303]);
    const shown = await ua.navigate(new URL(second.headers.get('location')!, codePage.url));
    expect((await rp.finish(callbackOf(shown), started)).claims()!.sub).toBe(person.id);
    expect(await eventsOf(person.id, 'otp_replay')).toEqual([]);
  });

  it('the same code in two sign-ins at once is still a replay: refused in one, and told to the owner once', async () => {
    const HOME = newHome();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    await earlyInTimeStep();
    // Two sign-ins (another tab, another device), the same code typed in both.
    const tabs = [new UserAgentAt(twofold.url, HOME), new UserAgentAt(twofold.url, HOME)];
    const [one, two] = await Promise.all(tabs.map((ua) => atCodePage(ua, person)));
    const code = await app.nextCode();
    const released = checkTogether(2);
    const answers = await Promise.all(
      [click(tabs[0]!, one!.codePage, '/code', { code }), click(tabs[1]!, two!.codePage, '/code', { code })].map(
        async (answer) => {
          const response = await answer;
          return { status: response.status, body: await response.text() };
        },
      ),
    ).finally(released);
    const refused = answers.filter((a) => a.body.includes('That code was already used'));
    // The other signed in: on to the application, or first to the notice when the replay was
    // recorded before that sign-in finished (someone typed the code at the same moment).
    const noticeAtOnce = answers.filter((a) => a.status === 200 && a.body.includes('Someone tried to reuse your code'));
    const signedIn = answers.filter((a) => a.status === 303).length + noticeAtOnce.length;
    expect({ signedIn, refused: refused.length }).toEqual({ signedIn: 1, refused: 1 });
    expect((await eventsOf(person.id, 'otp_replay')).map((e) => e.ip)).toEqual([HOME]);

    // Told once: at that very sign-in, or else at the next.
    await earlyInTimeStep();
    const ua = new UserAgentAt(twofold.url, HOME);
    const { codePage } = await atCodePage(ua, person);
    const next = await ua.submit(codePage, '/code', { code: await app.nextCode() });
    expect({ noticeAtOnce: noticeAtOnce.length, noticeNext: isNotice(next) }).toEqual(
      noticeAtOnce.length ? { noticeAtOnce: 1, noticeNext: false } : { noticeAtOnce: 0, noticeNext: true },
    );
  });
});
