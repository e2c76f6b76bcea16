import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from '../../src/mfa/secret-box.js';
import type { SecretKey } from '../../src/keys/index.js';

function newKey(kid: string): SecretKey {
  return { kid, key: randomBytes(32).toString('base64url') };
}

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ACCOUNT = '4f2a1c0e-1111-4222-8333-944455556666';

/** Flips one bit of the decoded ciphertext at `index` (negative counts from the end). */
function flipBit(ciphertext: string, index: number): string {
  const bytes = Buffer.from(ciphertext, 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64url');
}

function expectRefused(open: () => unknown, reason: string): void {
  expect(open).toThrow(SecretBoxError);
  try {
    open();
  } catch (error) {
    expect((error as SecretBoxError).reason).toBe(reason);
    expect((error as Error).message).not.toContain(SECRET);
  }
}

describe('the secret box', () => {
  const box = new SecretBox([newKey('k1')]);

  it('opens what it sealed, with the same context', () => {
    const sealed = box.seal(SECRET, ACCOUNT);
    expect(sealed.keyId).toBe('k1');
    expect(box.open(sealed.ciphertext, sealed.keyId, ACCOUNT)).toBe(SECRET);
  });

  it('never shows the plaintext and never repeats a ciphertext (random IV)', () => {
    const a = box.seal(SECRET, ACCOUNT);
    const b = box.seal(SECRET, ACCOUNT);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    // iv (12) | ciphertext (same length as the plaintext) | tag (16)
    expect(Buffer.from(a.ciphertext, 'base64url')).toHaveLength(12 + SECRET.length + 16);
    expect(Buffer.from(a.ciphertext, 'base64url').toString('latin1')).not.toContain(SECRET);
    expect(a.ciphertext).not.toContain(SECRET);
  });

  it('refuses a ciphertext whose IV, body or tag was tampered with', () => {
    const { ciphertext, keyId } = box.seal(SECRET, ACCOUNT);
    for (const index of [0, 11, 12, 12 + SECRET.length - 1, -16, -1]) {
      expectRefused(() => box.open(flipBit(ciphertext, index), keyId, ACCOUNT), 'unreadable');
    }
  });

  it('refuses a truncated, extended, empty or non-base64url ciphertext', () => {
    const { ciphertext, keyId } = box.seal(SECRET, ACCOUNT);
    const bytes = Buffer.from(ciphertext, 'base64url');
    for (const bad of [
      bytes.subarray(0, bytes.length - 1).toString('base64url'),
      Buffer.concat([bytes, Buffer.from([0])]).toString('base64url'),
      bytes.subarray(0, 27).toString('base64url'),
      '',
      `${ciphertext.slice(0, 10)}!${ciphertext.slice(10)}`,
      `${ciphertext}==`,
    ]) {
      expectRefused(() => box.open(bad, keyId, ACCOUNT), 'unreadable');
    }
  });

  it('refuses a ciphertext moved to another context (another account or interaction)', () => {
    const { ciphertext, keyId } = box.seal(SECRET, ACCOUNT);
    for (const context of ['another-account', '', `${ACCOUNT} `, ACCOUNT.toUpperCase()]) {
      expectRefused(() => box.open(ciphertext, keyId, context), 'unreadable');
    }
  });

  it('refuses an unknown key id', () => {
    const { ciphertext } = box.seal(SECRET, ACCOUNT);
    expectRefused(() => box.open(ciphertext, 'k9', ACCOUNT), 'unknown_key');
  });

  it('keeps opening old secrets after a key rotation and seals new ones with the new key', () => {
    const k1 = newKey('k1');
    const k2 = newKey('k2');
    const before = new SecretBox([k1]);
    const old = before.seal(SECRET, ACCOUNT);
    const after = new SecretBox([k2, k1]);
    expect(after.currentKeyId).toBe('k2');
    expect(after.open(old.ciphertext, old.keyId, ACCOUNT)).toBe(SECRET);
    const fresh = after.seal(SECRET, ACCOUNT);
    expect(fresh.keyId).toBe('k2');
    expect(after.open(fresh.ciphertext, fresh.keyId, ACCOUNT)).toBe(SECRET);
    // The old key id cannot be claimed for a new ciphertext: the old key does not open it.
    expectRefused(() => after.open(fresh.ciphertext, 'k1', ACCOUNT), 'unreadable');
    expectRefused(() => before.open(fresh.ciphertext, 'k2', ACCOUNT), 'unknown_key');
  });

  it('refuses to start without a usable key', () => {
    expect(() => new SecretBox([])).toThrow(SecretBoxError);
    expect(() => new SecretBox([{ kid: 'short', key: randomBytes(16).toString('base64url') }])).toThrow(/32 bytes/);
    expect(() => new SecretBox([{ kid: 'b64', key: randomBytes(32).toString('base64') + '+' }])).toThrow(
      SecretBoxError,
    );
    expect(() => new SecretBox([{ kid: '', key: randomBytes(32).toString('base64url') }])).toThrow(SecretBoxError);
    expect(() => new SecretBox([newKey('same'), newKey('same')])).toThrow(/twice/);
  });
});
