// The person's phone in tests: an authenticator app computing RFC 6238 codes (otplib) from the key
// shown on the enrolment page, by the file's test time (./clock.ts), which in-process servers read
// too. It never offers a time step it already gave, like time itself, so a test can sign in several
// times in a row without tripping the replay guard: it offers the previous, current and next step
// (all accepted), and lets time pass when those are used up (at once in-process, for real when the
// server is a real process).
import { generate } from '@otplib/totp';
import { crypto } from '@otplib/plugin-crypto-node';
import { base32 } from '@otplib/plugin-base32-scure';
import { testTime } from './clock.js';

const PERIOD = 30;

const currentStep = () => Math.floor(testTime.now() / 1000 / PERIOD);
const secondsIntoStep = () => (testTime.now() / 1000) % PERIOD;

/** Lets time pass until `step` is the current step or the previous one (codes of the next are accepted). */
async function until(step: number): Promise<void> {
  const wait = (step - 1) * PERIOD * 1000 - testTime.now();
  if (wait > 0) await testTime.pass(wait + 100);
}

/**
 * The first code an app gives is usually the previous time step's, accepted (±1 step) only until the
 * current step ends; typed again after that it is merely a wrong code, not a replay. Tests that
 * replay a code start with at least 10 s of the current step left, far more than they need.
 */
export async function earlyInTimeStep(): Promise<void> {
  const into = secondsIntoStep();
  if (into > PERIOD - 10) await testTime.pass((PERIOD - into) * 1000 + 100);
}

export class AuthenticatorApp {
  private lastStep = -1;

  constructor(readonly secret: string) {}

  /** Reads the key ("ABCD EFGH …") from the enrolment page. */
  static fromEnrolmentPage(body: string): AuthenticatorApp {
    const match = /<p class="secret" id="secret">([A-Z2-7 ]+)<\/p>/.exec(body);
    if (!match) throw new Error(`no key on the page:\n${body}`);
    return new AuthenticatorApp(match[1]!.replace(/ /g, ''));
  }

  /**
   * A code for a step not offered before. The previous step's code is offered only while at least
   * 10 s of the current step remain: past that boundary the server no longer accepts it, and on a
   * loaded machine a code made a moment too late would be refused as wrong.
   */
  async nextCode(): Promise<string> {
    const secondsLeft = PERIOD - secondsIntoStep();
    const step = Math.max(this.lastStep + 1, currentStep() - (secondsLeft >= 10 ? 1 : 0));
    await until(step);
    this.lastStep = step;
    return this.codeAt(step);
  }

  /**
   * A code for a step not offered before that the server keeps accepting for at least 30 s (the
   * current step's, accepted until the next one ends, or a later one's), for a test that types it
   * only later.
   */
  async lastingCode(): Promise<string> {
    const step = Math.max(this.lastStep + 1, currentStep());
    await until(step);
    this.lastStep = step;
    return this.codeAt(step);
  }

  /** The code of an arbitrary step (for replay and drift tests). */
  codeAt(step: number): Promise<string> {
    return generate({
      secret: this.secret,
      crypto,
      base32,
      algorithm: 'sha1',
      digits: 6,
      period: PERIOD,
      epoch: step * PERIOD + 1,
    });
  }

  /** A well-formed code that no step the server would accept right now produces. */
  async wrongCode(): Promise<string> {
    const now = currentStep();
    const valid = new Set(
      await Promise.all([now - 2, now - 1, now, now + 1, now + 2].map((step) => this.codeAt(step))),
    );
    let candidate = Number(await this.codeAt(now));
    do candidate = (candidate + 1) % 1_000_000;
    while (valid.has(String(candidate).padStart(6, '0')));
    return String(candidate).padStart(6, '0');
  }

  get lastOffered(): number {
    return this.lastStep;
  }
}
