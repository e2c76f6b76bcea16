// `twofold client …`: register, list and remove relying parties. A running server sees changes at
// once: it reads clients from the database on every request.
import type { Command } from 'commander';
import { CliError, type Cli } from './context.js';

const CLI = { source: 'cli' } as const;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addClientCommands(program: Command, cli: Cli): void {
  const client = program.command('client').description('manage relying parties (OpenID Connect clients)');

  client
    .command('add')
    .description('register a client; prints its secret once')
    .requiredOption('--id <id>', 'client_id')
    .option('--name <name>', 'name shown to people signing in')
    .option('--redirect-uri <uri...>', 'allowed redirect URI (repeatable)')
    .option('--post-logout-redirect-uri <uri...>', 'allowed URI after logout (repeatable)')
    .option('--public', 'no secret: a browser or native app (PKCE only)')
    .option('--first-party', 'operated by this deployment (no consent screen)')
    .option('--grant <grant>', 'extra grant type, e.g. client_credentials (repeatable)', collect)
    .option('--json', 'print {"client_id":…,"client_secret":…}')
    .action(async (options: AddOptions, command: Command) => {
      await cli.withServices(command, async ({ clients, audit }) => {
        const created = await clients.add({
          clientId: options.id,
          name: options.name,
          redirectUris: options.redirectUri ?? [],
          postLogoutRedirectUris: options.postLogoutRedirectUri ?? [],
          isPublic: Boolean(options.public),
          firstParty: Boolean(options.firstParty),
          grants: options.grant ?? [],
        });
        await audit.record({
          type: 'client_added',
          clientId: created.clientId,
          detail: { ...CLI, public: Boolean(options.public), firstParty: Boolean(options.firstParty) },
        });
        if (options.json) {
          cli.printJson({ client_id: created.clientId, client_secret: created.clientSecret });
          return;
        }
        cli.print(`client added: ${created.clientId}`);
        if (created.clientSecret) {
          cli.print(`client_secret: ${created.clientSecret}`);
          cli.print('store the secret now: it is shown only once and cannot be recovered');
        } else {
          cli.print('public client: no secret; it must use PKCE');
        }
      });
    });

  client
    .command('list')
    .description('list clients')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await cli.withServices(command, async ({ clients }) => {
        const rows = (await clients.list()).map(({ clientId, metadata, firstParty, createdAt }) => ({
          client_id: clientId,
          client_name: (metadata.client_name as string | undefined) ?? null,
          public: metadata.token_endpoint_auth_method === 'none',
          first_party: firstParty,
          grant_types: (metadata.grant_types as string[] | undefined) ?? [],
          redirect_uris: (metadata.redirect_uris as string[] | undefined) ?? [],
          post_logout_redirect_uris: (metadata.post_logout_redirect_uris as string[] | undefined) ?? [],
          created_at: createdAt,
        }));
        if (options.json) {
          cli.printJson(rows);
          return;
        }
        if (!rows.length) {
          cli.print('no clients yet');
          return;
        }
        cli.printTable([
          ['CLIENT ID', 'NAME', 'TYPE', 'GRANTS', 'REDIRECT URIS'],
          ...rows.map((c) => [
            c.client_id,
            c.client_name ?? '',
            `${c.public ? 'public' : 'confidential'}${c.first_party ? ', first-party' : ''}`,
            c.grant_types.join(','),
            c.redirect_uris.join(' '),
          ]),
        ]);
      });
    });

  client
    .command('remove')
    .description('remove a client: it can no longer sign anyone in or obtain tokens')
    .argument('<id>', 'client_id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await cli.withServices(command, async ({ clients, audit }) => {
        if (!(await clients.remove(id))) throw new CliError(`no client with id ${JSON.stringify(id)}`);
        await audit.record({ type: 'client_removed', clientId: id, detail: CLI });
        cli.print(`client removed: ${id}`);
      });
    });
}

interface AddOptions {
  id: string;
  name?: string;
  redirectUri?: string[];
  postLogoutRedirectUri?: string[];
  public?: boolean;
  firstParty?: boolean;
  grant?: string[];
  json?: boolean;
}
