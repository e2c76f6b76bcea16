// The README agrees with the code. Its configuration table is written from the zod schema
// (src/config/schema.ts: each variable's `.meta({ description, defaultText })` and its default), the
// way node-oidc-provider writes its docs from defaults.js: a variable, default or description that
// differs fails here. `npm run docs` (UPDATE_README=1) rewrites the table instead of comparing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { environmentSchema } from '../../src/config/schema.js';
import { packageRoot } from '../../src/paths.js';

const README = join(packageRoot, 'README.md');
const START = '<!-- configuration table: generated from src/config/schema.ts by `npm run docs`; edit it there -->';
const END = '<!-- end of configuration table -->';

interface Documentation {
  description?: string;
  defaultText?: string;
}

/** A variable's documentation, from its `.meta()`. */
const documentation = (variable: z.ZodType) => (variable.meta() ?? {}) as Documentation;

/** What the table says the default is: the documented text, else the schema's own default. */
function shownDefault(variable: z.ZodType, meta: Documentation): string {
  if (meta.defaultText) return meta.defaultText;
  const { def } = variable as unknown as { def: { type: string; defaultValue?: unknown } };
  if (def.type === 'default' || def.type === 'prefault') return `\`${String(def.defaultValue)}\``;
  return 'unset';
}

function configurationTable(): string {
  const rows = Object.entries(environmentSchema.shape).map(([name, variable]) => {
    const meta = documentation(variable);
    return `| \`${name}\` | ${shownDefault(variable, meta)} | ${meta.description ?? ''} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function readmeTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`README.md lost its markers around the configuration table:\n${START}\n${END}`);
  return readme.slice(start + START.length, end).trim();
}

describe('the README', () => {
  it('documents every configuration variable, in the order of the schema', () => {
    const undocumented = Object.entries(environmentSchema.shape)
      .filter(([, variable]) => !documentation(variable).description)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('has the configuration table the schema gives: every variable, its default and its meaning', () => {
    const readme = readFileSync(README, 'utf8');
    const table = configurationTable();
    if (process.env.UPDATE_README === '1') {
      const current = readmeTable(readme);
      writeFileSync(README, readme.replace(current, table));
      return;
    }
    // A difference shows which row to fix in the schema (or to regenerate with `npm run docs`).
    expect(readmeTable(readme).split('\n')).toEqual(table.split('\n'));
  });

  it('shows each default as an operator would write it, giving what leaving the variable unset gives', () => {
    const unset = environmentSchema.parse({}) as Record<string, unknown>;
    for (const [name, variable] of Object.entries(environmentSchema.shape)) {
      const meta = documentation(variable);
      const shown = /^`([^`]*)`$/.exec(shownDefault(variable, meta))?.[1];
      if (shown === undefined || meta.defaultText) continue;
      expect([name, variable.parse(shown)]).toEqual([name, unset[name]]);
    }
  });
});
