import { base32 } from '@otplib/plugin-base32-scure';
import { crypto } from '@otplib/plugin-crypto-node';
import { generateSync } from '@otplib/totp';
import { parse } from '@otplib/uri';
import {
  formatSecretForHumans,
  generateTotpSecret,
  timeStep,
  totpKeyUri,
  verifyTotp,
} from '../../src/mfa/totp-app/totp.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SEED = new TextEncoder().encode('12345678901234567890');
const RFC_SECRET = base32.encode(RFC_SEED, { padding: false });
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

function codeAt(secret: string, seconds: number, digits: 6 | 8 = 6): string {
  return generateSync({ secret, crypto, base32, algorithm: 'sha1', digits, period: 30, epoch: seconds });
}

describe('TOTP codes (RFC 6238)', () => {
  it.each(RFC_VECTORS)('otplib yields the Appendix B SHA-1 code at T = %i', (seconds, expected) => {
    expect(codeAt(RFC_SECRET, seconds, 8)).toBe(expected);
  });

  it.each(RFC_VECTORS)(
    'a person typing the last six digits at T = %i is accepted at that step',
    (seconds, expected) => {
      expect(verifyTotp(RFC_SECRET, expected.slice(-6), seconds * 1000)).toBe(Math.floor(seconds / 30));
    },
  );

  it('accepts the previous and next step but not two steps away', () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_015_000; // the middle of a step
    const step = timeStep(now);
    const at = (offsetSteps: number) => codeAt(secret, (step + offsetSteps) * 30);
    expect(verifyTotp(secret, at(0), now)).toBe(step);
    expect(verifyTotp(secret, at(-1), now)).toBe(step - 1);
    expect(verifyTotp(secret, at(1), now)).toBe(step + 1);
    expect(verifyTotp(secret, at(-2), now)).toBeNull();
    expect(verifyTotp(secret, at(2), now)).toBeNull();
  });

  it('holds the window at the edges of a step', () => {
    const secret = generateTotpSecret();
    const first = 1_700_000_010_000; // first millisecond of a step (1700000010 is a multiple of 30)
    const last = first + 29_999;
    const step = timeStep(first);
    expect(timeStep(last)).toBe(step);
    for (const now of [first, last]) {
      expect(verifyTotp(secret, codeAt(secret, (step - 1) * 30), now)).toBe(step - 1);
      expect(verifyTotp(secret, codeAt(secret, (step + 1) * 30), now)).toBe(step + 1);
      expect(verifyTotp(secret, codeAt(secret, (step - 2) * 30), now)).toBeNull();
      expect(verifyTotp(secret, codeAt(secret, (step + 2) * 30), now)).toBeNull();
    }
  });

  it('tolerates spaces a person or a phone adds around and inside the code, and the dash some apps show', () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_015_000;
    const code = codeAt(secret, Math.floor(now / 1000));
    const halves = [code.slice(0, 3), code.slice(3)] as const;
    for (const typed of [` ${code} `, halves.join(' '), `\t${code}\n`, halves.join('-'), ` ${halves.join(' - ')} `]) {
      expect(verifyTotp(secret, typed, now)).toBe(timeStep(now));
    }
  });

  it('refuses anything that is not six ASCII digits', () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_015_000;
    const code = codeAt(secret, Math.floor(now / 1000));
    const fullWidth = Array.from(code)
      .map((d) => String.fromCharCode(0xff10 + Number(d)))
      .join('');
    const arabicIndic = Array.from(code)
      .map((d) => String.fromCharCode(0x0660 + Number(d)))
      .join('');
    for (const typed of [
      code.slice(0, 5),
      `${code}0`,
      `0${code}`,
      '',
      '      ',
      'abcdef',
      `${code.slice(0, 5)}x`,
      fullWidth,
      '１２３４５６',
      arabicIndic,
      `${code}\u0000`,
      `-${code.slice(1)}`,
      `+${code.slice(1)}`,
      `${code.slice(0, 3)}.${code.slice(4)}`,
      `${code.slice(0, 3)}--${code.slice(3)}`,
      `${code.slice(0, 2)}-${code.slice(2)}`,
      `${code}-`,
      '1e5000',
      code.repeat(20),
    ]) {
      expect(verifyTotp(secret, typed, now)).toBeNull();
    }
    expect(verifyTotp(secret, undefined as unknown as string, now)).toBeNull();
    expect(verifyTotp(secret, 123456 as unknown as string, now)).toBeNull();
  });

  it('refuses a well-formed wrong code', () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_015_000;
    const step = timeStep(now);
    const valid = new Set([-1, 0, 1].map((o) => codeAt(secret, (step + o) * 30)));
    const wrong = ['000000', '123456', '999999', '654321'].find((c) => !valid.has(c))!;
    expect(verifyTotp(secret, wrong, now)).toBeNull();
  });
});

describe('TOTP secrets', () => {
  it('are 160 bits as 32 base32 characters, different every time', () => {
    const secrets = Array.from({ length: 50 }, () => generateTotpSecret());
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32.decode(secret)).toHaveLength(20);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('are shown to people in groups of four', () => {
    expect(formatSecretForHumans('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    expect(formatSecretForHumans('ABCDEF')).toBe('ABCD EF');
  });
});

describe('the otpauth key URI', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('has the shape every authenticator app reads, and nothing else', () => {
    const uri = totpKeyUri({ issuer: 'Twofold', accountName: 'alice@example.com', secret });
    expect(uri).toBe(`otpauth://totp/Twofold:alice%40example.com?secret=${secret}&issuer=Twofold`);
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect([...url.searchParams.keys()].sort()).toEqual(['issuer', 'secret']);
  });

  it('percent-encodes spaces, colons, @ and Unicode so the only raw colon separates issuer and account', () => {
    const issuer = 'Acme: Login Ü';
    const accountName = 'zoë o:brien@exämple.com';
    const uri = totpKeyUri({ issuer, accountName, secret });
    expect(uri).toMatch(/^otpauth:\/\/totp\/[^:?]+:[^:?]+\?secret=[A-Z2-7]+&issuer=[^&:]+$/);
    expect(uri).not.toMatch(/[ +]/);
    expect(uri).not.toMatch(/[^\x21-\x7e]/);
    const [labelPart, query] = uri.slice('otpauth://totp/'.length).split('?') as [string, string];
    const [issuerPart, accountPart] = labelPart.split(':') as [string, string];
    expect(decodeURIComponent(issuerPart)).toBe(issuer);
    expect(decodeURIComponent(accountPart)).toBe(accountName);
    expect(new URLSearchParams(query).get('issuer')).toBe(issuer);
    expect(uri).toContain('Acme%3A%20Login%20%C3%9C:zo%C3%AB%20o%3Abrien%40ex%C3%A4mple.com');
  });

  it('is read back by a standard otpauth parser', () => {
    const uri = totpKeyUri({ issuer: 'Twofold (test)', accountName: "o'neil+tag@example.com", secret });
    const parsed = parse(uri);
    expect(parsed.type).toBe('totp');
    expect(parsed.label).toBe("Twofold (test):o'neil+tag@example.com");
    expect(parsed.params).toEqual({ secret, issuer: 'Twofold (test)' });
  });
});
