// The deployment's keys, all under KEYS_DIR and generated on first start:
// - jwks.json: private signing keys (RSA for RS256, P-256 for ES256); the first of each type signs,
//   the rest stay published so tokens signed before a rotation still verify;
// - cookies.json: keys that sign oidc-provider's cookies (first signs, all verify);
// - secrets.json: AES-256 keys that encrypt TOTP secrets at rest (first encrypts, all decrypt).
// Instances of one deployment share this directory; a restart keeps every token valid.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { calculateJwkThumbprint } from 'jose';
import { createJsonFileOnce, readJsonFile, replaceJsonFile } from './files.js';

export interface SecretKey {
  kid: string;
  /** 32 bytes, base64url. */
  key: string;
}

export interface KeySet {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
  secretKeys: SecretKey[];
}

async function signingKeyPair(): Promise<JWK[]> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK;
  return Promise.all(
    [
      { ...rsa, alg: 'RS256', use: 'sig' },
      { ...ec, alg: 'ES256', use: 'sig' },
    ].map(async (jwk) => ({ ...jwk, kid: await calculateJwkThumbprint(jwk) })),
  );
}

function newSecretKey(): SecretKey {
  return { kid: randomBytes(6).toString('hex'), key: randomBytes(32).toString('base64url') };
}

/** Loads the keys, creating any missing file. */
export async function loadKeys(dir: string): Promise<KeySet> {
  const freshSigning = readJsonFile(`${dir}/jwks.json`) !== undefined ? [] : await signingKeyPair();
  const jwks = createJsonFileOnce(dir, 'jwks.json', () => ({ keys: freshSigning }));
  const cookies = createJsonFileOnce(dir, 'cookies.json', () => ({ keys: [randomBytes(32).toString('base64url')] }));
  const secrets = createJsonFileOnce(dir, 'secrets.json', () => ({ keys: [newSecretKey()] }));
  return { jwks, cookieKeys: cookies.keys, secretKeys: secrets.keys };
}

/** Puts a new signing key pair first; older keys stay published for verification. */
export async function rotateSigningKeys(dir: string): Promise<string[]> {
  const current = await loadKeys(dir);
  const fresh = await signingKeyPair();
  replaceJsonFile(dir, 'jwks.json', { keys: [...fresh, ...current.jwks.keys] });
  return fresh.map((k) => k.kid!);
}

/** The secret-encryption keys as the file holds them now (a running server re-reads them after a rotation). */
export function readSecretKeys(dir: string): SecretKey[] {
  return (readJsonFile(`${dir}/secrets.json`) as { keys: SecretKey[] } | undefined)?.keys ?? [];
}

/** Puts a new secret-encryption key first; returns it. Re-encrypting is the caller's job. */
export async function addSecretKey(dir: string): Promise<SecretKey> {
  const current = await loadKeys(dir);
  const fresh = newSecretKey();
  replaceJsonFile(dir, 'secrets.json', { keys: [fresh, ...current.secretKeys] });
  return fresh;
}
