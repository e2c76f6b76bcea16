#!/usr/bin/env node
// `twofold`: the admin CLI (program.ts) on this process's arguments, streams and environment. Same
// configuration and services as the server, safe to run while servers run on the same database.
import { processIo } from './context.js';
import { runCli } from './program.js';

// Exit explicitly: a database pool or timer left behind must not keep an admin's shell waiting.
process.exit(await runCli(process.argv.slice(2), processIo()));
