// The sign-in's step machine (src/signin/steps.ts) on its own: which page is due for each state a
// sign-in can be in, which form may be sent at which step, and what a finished sign-in proved.
import { dueStep, formDue, needsApps, proof, type Due, type SecondStepForm } from '../../src/signin/steps.js';
import type { EnrolmentGrant } from '../../src/signin/enrolment.js';

const recovery: EnrolmentGrant = { reason: 'recovery', replaces: ['app-1'] };
const working = { locked: false };
const locked = { locked: true };

describe('the sign-in step machine', () => {
  it.each<[string, Parameters<typeof dueStep>[0], { locked: boolean }[], Due]>([
    ['no password yet', undefined, [working], 'password'],
    ['a right password, an app that works', {}, [working], 'code'],
    ['a right password, one of two apps locked', {}, [locked, working], 'code'],
    ['a right password, every app locked', {}, [locked, locked], 'locked'],
    ['a right password, no app and no grant', {}, [], 'setup_needed'],
    ['a grant to link an app (whatever the apps)', { grant: recovery }, [locked], 'enroll'],
    ['an enrolment confirmed in this sign-in', { enrolledAt: 1, grant: recovery }, [], 'recovery_codes'],
  ])('%s', (_what, pending, apps, due) => {
    expect(dueStep(pending, apps)).toBe(due);
  });

  it('reads the apps only when the step depends on them', () => {
    expect(needsApps({})).toBe(true);
    expect(needsApps({ grant: recovery })).toBe(false);
    expect(needsApps({ enrolledAt: 1 })).toBe(false);
  });

  it.each<[SecondStepForm, Due[]]>([
    ['code', ['code']],
    ['recovery', ['code', 'locked']],
    ['enroll', ['enroll']],
    ['recovery-codes', ['recovery_codes']],
  ])('accepts the %s form only at %j, never before the password', (form, at) => {
    const every: Due[] = ['password', 'code', 'locked', 'setup_needed', 'enroll', 'recovery_codes'];
    expect(every.filter((due) => formDue(form, due))).toEqual(at);
  });

  it('a sign-in proves the password and a one-time code, with or without a recovery code before it', () => {
    const totp = { amr: ['otp'] };
    const recoveryCode = { amr: [] };
    expect(proof([totp])).toEqual({ acr: 'urn:twofold:acr:pwd+otp', amr: ['pwd', 'otp', 'mfa'] });
    expect(proof([recoveryCode, totp])).toEqual(proof([totp]));
    expect(() => proof([recoveryCode])).toThrow('without a one-time code');
    expect(() => proof([])).toThrow();
  });
});
