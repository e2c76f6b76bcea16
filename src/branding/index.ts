// A deployment's own look, from configuration: a logo (a file Twofold serves, or an https URL) and
// an accent colour per theme, each refused at start-up when it would make the pages unreadable.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { contrastRatio, MINIMUM_CONTRAST } from './contrast.js';
import { THEMES, type Theme } from './theme.js';

/** A branding value that cannot be used; the configuration turns it into its error. */
export class BrandError extends Error {
  override name = 'BrandError';
}

export const LOGO_PATH = '/static/logo';
const LOGO_MAX_BYTES = 1024 * 1024;
const LOGO_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** What the pages show: `src` for the `<img>`; a file of ours also says what we serve at LOGO_PATH. */
export type Logo =
  | { readonly src: string; readonly origin: string }
  | { readonly src: string; readonly file: string; readonly type: string };

export interface Brand {
  readonly logo: Logo | undefined;
  /** The accent colour of each theme (the built-in one where none is configured). */
  readonly accent: Readonly<Record<Theme, string>>;
  /** Whether an accent was configured at all (the stylesheet is then extended). */
  readonly customAccent: boolean;
}

/**
 * BRAND_LOGO: an https URL is linked as it is (and allowed by the pages' CSP); anything else is a
 * file, served by us under a name that changes with its content, so browsers may cache it for a year.
 */
function logo(value: string, variable: string): Logo {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new BrandError(`${variable} must be an https:// URL or a file path (got ${JSON.stringify(value)})`);
    }
    if (url.protocol !== 'https:')
      throw new BrandError(`${variable} must be an https:// URL or a file path (got ${JSON.stringify(value)})`);
    return { src: url.href, origin: url.origin };
  }
  const file = resolve(value);
  const type = LOGO_TYPES[extname(file).toLowerCase()];
  if (!type)
    throw new BrandError(`${variable} must be a .png, .svg, .jpg, .webp or .gif file (got ${JSON.stringify(value)})`);
  let body: Buffer;
  try {
    if (statSync(file).size > LOGO_MAX_BYTES) throw new BrandError(`${variable} must be at most 1 MiB (${file})`);
    body = readFileSync(file);
  } catch (error) {
    if (error instanceof BrandError) throw error;
    throw new BrandError(`${variable} names a file that cannot be read: ${file} (${(error as Error).message})`);
  }
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { src: `${LOGO_PATH}?v=${version}`, file, type };
}

/** A colour for `theme`: refused when text in it would be below 4.5:1 on any of that theme's backgrounds. */
function accent(value: string, variable: string, theme: Theme): string {
  const backgrounds = THEMES[theme];
  for (const [where, background] of [
    ['card', backgrounds.card],
    ['page', backgrounds.page],
  ] as const) {
    const ratio = contrastRatio(value, background);
    if (ratio < MINIMUM_CONTRAST) {
      const hint = theme === 'light' ? 'choose a darker colour' : 'choose a lighter colour';
      throw new BrandError(
        `${variable} ${value} has a contrast of ${(Math.floor(ratio * 100) / 100).toFixed(2)}:1 against the ${theme} theme's ${where} background ${background}; links and text need at least ${MINIMUM_CONTRAST}:1, so ${hint}`,
      );
    }
  }
  return value.toLowerCase();
}

export interface BrandSettings {
  logo?: string | undefined;
  color?: string | undefined;
  colorDark?: string | undefined;
}

export function brand({ logo: logoValue, color, colorDark }: BrandSettings): Brand {
  return Object.freeze({
    logo: logoValue === undefined ? undefined : Object.freeze(logo(logoValue, 'BRAND_LOGO')),
    accent: Object.freeze({
      light: color === undefined ? THEMES.light.accent : accent(color, 'BRAND_COLOR', 'light'),
      dark: colorDark === undefined ? THEMES.dark.accent : accent(colorDark, 'BRAND_COLOR_DARK', 'dark'),
    }),
    customAccent: color !== undefined || colorDark !== undefined,
  });
}

/** The stylesheet's accent variables for a configured brand, appended to style.css. */
export function accentStyles(brand: Brand): string {
  if (!brand.customAccent) return '';
  return `\n/* BRAND_COLOR, BRAND_COLOR_DARK */\n:root {\n  --accent: ${brand.accent.light};\n}\n@media (prefers-color-scheme: dark) {\n  :root {\n    --accent: ${brand.accent.dark};\n  }\n}\n`;
}
