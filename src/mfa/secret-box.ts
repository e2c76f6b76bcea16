// Encryption at rest for TOTP secrets, so a database dump hands out no second factors.
// AES-256-GCM with a random 96-bit IV (NIST SP 800-38D §8.2.2) and a 128-bit tag. The caller's
// `context` (the account id, or the interaction uid of a pending enrolment) is bound as additional
// authenticated data: a ciphertext copied onto another row fails to open. The key id travels beside
// the ciphertext, so keys can rotate: the first key seals, every key still opens. A box given a
// `reload` re-reads the key set when it meets an unknown key id, so a server keeps verifying codes
// that `twofold keys rotate-secret` re-sealed under a key added after the server started.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey } from '../keys/index.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type SecretBoxFailure = 'no_keys' | 'bad_key' | 'unknown_key' | 'unreadable';

/** A ciphertext that cannot be opened (unknown key id, tampered, wrong context) or an unusable key set. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
  constructor(
    readonly reason: SecretBoxFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Sealed {
  ciphertext: string;
  keyId: string;
}

function keyMap(keys: readonly SecretKey[]): Map<string, Buffer> {
  if (keys.length === 0) throw new SecretBoxError('no_keys', 'no secret-encryption key is configured');
  const map = new Map<string, Buffer>();
  for (const { kid, key } of keys) {
    const bytes = Buffer.from(key, 'base64url');
    if (!kid || !BASE64URL.test(key) || bytes.length !== KEY_BYTES) {
      throw new SecretBoxError(
        'bad_key',
        `secret-encryption key ${JSON.stringify(kid)} is not ${KEY_BYTES} bytes of base64url`,
      );
    }
    if (map.has(kid))
      throw new SecretBoxError('bad_key', `secret-encryption key id ${JSON.stringify(kid)} appears twice`);
    map.set(kid, bytes);
  }
  return map;
}

export class SecretBox {
  private keys: Map<string, Buffer>;
  private sealingKeyId: string;

  constructor(
    keys: readonly SecretKey[],
    private readonly reload?: () => readonly SecretKey[],
  ) {
    this.keys = keyMap(keys);
    this.sealingKeyId = keys[0]!.kid;
  }

  /** The id of the key new secrets are sealed with. */
  get currentKeyId(): string {
    return this.sealingKeyId;
  }

  seal(plaintext: string, context: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.sealingKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]);
    return { ciphertext: sealed.toString('base64url'), keyId: this.sealingKeyId };
  }

  open(ciphertext: string, keyId: string, context: string): string {
    if (!this.keys.has(keyId)) this.reloadKeys();
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError('unknown_key', `no secret-encryption key with id ${JSON.stringify(keyId)}`);
    // Buffer.from(…, 'base64url') skips characters it does not know; refuse them instead.
    const sealed = BASE64URL.test(ciphertext) ? Buffer.from(ciphertext, 'base64url') : Buffer.alloc(0);
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('unreadable', 'sealed secret is malformed');
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // Node says only "Unsupported state or unable to authenticate data"; say which row-level fact failed.
      throw new SecretBoxError(
        'unreadable',
        'sealed secret failed authentication (tampered, or bound to another context)',
      );
    }
  }

  // A failed reload (file half-written elsewhere, unreadable) keeps the keys this box has.
  private reloadKeys(): void {
    if (!this.reload) return;
    try {
      const keys = this.reload();
      this.keys = keyMap(keys);
      this.sealingKeyId = keys[0]!.kid;
    } catch {
      // the unknown key id is reported by the caller below
    }
  }
}
