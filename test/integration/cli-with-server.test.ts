// The CLI against a running server on the same database: what it writes, the server uses at once,
// without a restart.
import { verifyPassword } from '../../src/accounts/password.js';
import { runCli } from '../support/cli.js';
import { clientCredentialsToken, introspect } from '../support/client-credentials.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { CLIENT_CACHE_SECONDS } from '../../src/clients/store.js';

const SLOW = 180_000;

describe('the CLI while the server runs', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold();
  }, SLOW);
  afterAll(() => twofold.stop());

  it(
    'adds an account the server finds immediately',
    async () => {
      const result = await runCli(
        ['user', 'add', 'live@example.com', '--password-stdin'],
        twofold.env,
        'a password nobody guesses\n',
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const account = await twofold.accounts.findByEmail('live@example.com');
      expect(account).not.toBeNull();
      expect(await verifyPassword('a password nobody guesses', account!.passwordHash)).toBe(true);
    },
    SLOW,
  );

  it(
    'adds a machine client that obtains and introspects a client_credentials token',
    async () => {
      const result = await runCli(
        ['client', 'add', '--id', 'nightly-report', '--grant', 'client_credentials', '--json'],
        twofold.env,
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const { client_id: clientId, client_secret: secret } = JSON.parse(result.stdout) as {
        client_id: string;
        client_secret: string;
      };
      expect(clientId).toBe('nightly-report');

      const token = await clientCredentialsToken(twofold.url, clientId, secret);
      expect(token.status).toBe(200);
      expect(token.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });

      const introspection = await introspect(twofold.url, clientId, secret, String(token.body.access_token));
      expect(introspection.status).toBe(200);
      expect(introspection.body).toMatchObject({ active: true, client_id: clientId });

      const wrong = await clientCredentialsToken(twofold.url, clientId, 'A'.repeat(secret.length));
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_client');
    },
    SLOW,
  );

  it(
    'removes a client, which then cannot obtain tokens',
    async () => {
      const added = JSON.parse(
        (await runCli(['client', 'add', '--id', 'short-lived', '--grant', 'client_credentials', '--json'], twofold.env))
          .stdout,
      ) as { client_secret: string };
      expect((await clientCredentialsToken(twofold.url, 'short-lived', added.client_secret)).status).toBe(200);

      const removed = await runCli(['client', 'remove', 'short-lived'], twofold.env);
      expect({ code: removed.code, stderr: removed.stderr }).toEqual({ code: 0, stderr: '' });
      // The server keeps a client it read for at most CLIENT_CACHE_SECONDS; a change made by another
      // process is seen once that has passed (src/clients/store.ts says why that is safe).
      await new Promise((resolve) => setTimeout(resolve, CLIENT_CACHE_SECONDS * 1000 + 100));
      const refused = await clientCredentialsToken(twofold.url, 'short-lived', added.client_secret);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('invalid_client');
    },
    SLOW,
  );

  it(
    'a client removed through the same process is refused by the very next request',
    async () => {
      const { clientSecret } = await twofold.clients.add({
        clientId: 'removed-here',
        redirectUris: [],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: false,
        grants: ['client_credentials'],
      });
      expect((await clientCredentialsToken(twofold.url, 'removed-here', clientSecret!)).status).toBe(200);
      expect(await twofold.clients.remove('removed-here')).toBe(true);
      const refused = await clientCredentialsToken(twofold.url, 'removed-here', clientSecret!);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('invalid_client');
    },
    SLOW,
  );
});
