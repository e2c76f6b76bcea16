// The sign-in flow (src/signin/flow.ts) as a service, without HTTP: the steps it says are due, the
// outcomes of each form, and what the finished sign-in proved, on the real database with an
// injected clock (test/support/clock.ts) that moves TOTP steps and the enrolment window.
import { KeptEnrolments } from '../../src/signin/kept-enrolment.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { ManualClock } from '../support/clock.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { createPerson } from '../support/sign-in.js';
import { timeStep } from '../../src/mfa/totp-app/totp.js';
import type { SignInAttempt } from '../../src/signin/flow.js';

const HOUR = 3_600_000;

describe('the sign-in flow', () => {
  const clock = new ManualClock();
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({}, { clock });
  });
  afterAll(() => twofold.stop());

  let counter = 0;
  const attempt = (): SignInAttempt & { expiresAt: number; linkToken: undefined } => ({
    uid: `flow-${++counter}-${Date.now()}`,
    clientId: 'portal',
    ip: `192.0.2.${counter % 250}`,
    // The pending sign-in lives as long as the interaction, in real seconds.
    expiresAt: Math.floor(Date.now() / 1000) + 600,
    linkToken: undefined,
  });
  const codeNow = (app: AuthenticatorApp) => app.codeAt(timeStep(clock.now()));
  const resolve = (login: object) => Promise.resolve(`https://rp.example/cb#${JSON.stringify(login)}`);

  async function afterPassword(person: { email: string; password: string }) {
    const signIn = attempt();
    expect(await twofold.signIns.submitPassword(signIn, person.email, person.password)).toEqual({ kind: 'current' });
    return signIn;
  }

  it('enrols within the window, counts wrong codes to a start-over, then signs in with the code and proves pwd + otp', async () => {
    const person = await createPerson(twofold);
    let signIn = await afterPassword(person);
    let at = await twofold.signIns.position(signIn.uid);
    expect(at.due).toBe('enroll');
    if (at.due !== 'enroll') return;

    // Five wrong codes in one sign-in: it starts over from the password.
    for (let i = 1; i < 5; i++)
      expect(await twofold.signIns.submitEnrolment(signIn, at.pending, at.account, '000000', 'Phone')).toEqual({
        kind: 'again',
        problem: 'wrong',
      });
    expect(await twofold.signIns.submitEnrolment(signIn, at.pending, at.account, '000000', 'Phone')).toEqual({
      kind: 'started_over',
    });
    expect((await twofold.signIns.position(signIn.uid)).due).toBe('password');

    signIn = await afterPassword(person);
    at = await twofold.signIns.position(signIn.uid);
    if (at.due !== 'enroll') throw new Error(at.due);
    // The page shows the secret (kept in the pending sign-in); the form is then sent against that state.
    const firstShown = () => ({ browser: KeptEnrolments.newBrowserToken(), restart: undefined });
    const app = new AuthenticatorApp(await twofold.signIns.enrolmentSecret(signIn, at.pending, {}, firstShown));
    at = await twofold.signIns.position(signIn.uid);
    if (at.due !== 'enroll') throw new Error(at.due);
    const enrolled = await twofold.signIns.submitEnrolment(signIn, at.pending, at.account, await codeNow(app), 'Phone');
    expect(enrolled).toMatchObject({ kind: 'enrolled', forgetLink: false });
    const codesPage = await twofold.signIns.position(signIn.uid);
    expect(codesPage.due).toBe('recovery_codes');
    if (codesPage.due !== 'recovery_codes') return;
    const finished = await twofold.signIns.finish(signIn, codesPage.pending, resolve);
    expect(finished.returnTo).toContain('"acr":"urn:twofold:acr:pwd+otp","amr":["pwd","otp","mfa"]');
    expect((await twofold.signIns.position(signIn.uid)).due).toBe('password');

    // A later sign-in, one TOTP step on: the code step, then the same proof.
    clock.advance(30_000);
    const next = await afterPassword(person);
    const codeStep = await twofold.signIns.position(next.uid);
    expect(codeStep.due).toBe('code');
    if (codeStep.due !== 'code') return;
    const code = await codeNow(app);
    const passed = await twofold.signIns.submitCode(next, codeStep.pending, codeStep.account, code);
    expect(passed.kind).toBe('passed');
    // The same code in another sign-in is a replay, told as such.
    const other = await afterPassword(person);
    const otherStep = await twofold.signIns.position(other.uid);
    if (otherStep.due !== 'code') throw new Error(otherStep.due);
    expect(await twofold.signIns.submitCode(other, otherStep.pending, otherStep.account, code)).toEqual({
      kind: 'again',
      problem: 'replay',
    });
    if (passed.kind !== 'passed') return;
    const done = await twofold.signIns.finish(next, passed.pending, resolve, 'totp');
    expect(done.returnTo).toContain('"amr":["pwd","otp","mfa"]');
  });

  it('a malformed code is answered without counting; a recovery form is due at the code step only', async () => {
    const person = await createPerson(twofold);
    const signIn = await afterPassword(person);
    const at = await twofold.signIns.position(signIn.uid);
    if (at.due !== 'enroll') throw new Error(at.due);
    expect(await twofold.signIns.submitEnrolment(signIn, at.pending, at.account, '12ab', 'Phone')).toEqual({
      kind: 'again',
      problem: 'malformed',
    });
    const after = await twofold.signIns.position(signIn.uid);
    expect(after.due !== 'password' && after.pending.wrongCodes).toBe(0);
    expect(await twofold.signIns.positionFor(signIn.uid, 'recovery')).toBeUndefined();
    expect(await twofold.signIns.positionFor(signIn.uid, 'enroll')).toMatchObject({ due: 'enroll' });
  });

  it('after ENROLLMENT_WINDOW on the injected clock, a password alone leads to "a set-up link is needed"', async () => {
    const person = await createPerson(twofold);
    clock.advance(73 * HOUR);
    const signIn = await afterPassword(person);
    expect((await twofold.signIns.position(signIn.uid)).due).toBe('setup_needed');
  });
});
