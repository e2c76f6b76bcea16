// A deployment's colours and logo, as start-up checks them: WCAG contrast computed as the standard
// defines it, the stylesheet's own colours held to the same 4.5:1 in both themes, and an operator's
// colour or logo refused with a message that says what to change.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contrastRatio, MINIMUM_CONTRAST } from '../../src/branding/contrast.js';
import { THEMES } from '../../src/branding/theme.js';
import { accentStyles, brand } from '../../src/branding/index.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const css = readFileSync(new URL('../../interactions/static/style.css', import.meta.url), 'utf8');
const darkBlock = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
const lightRoot = css.slice(0, css.indexOf('}'));
const variable = (block: string, name: string) => new RegExp(`--${name}: (#[0-9a-f]{3,6});`).exec(block)?.[1];

describe('contrast', () => {
  it('is computed as WCAG 2 defines it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    // The classic borderline grey: just under AA on white.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#777')).toBeCloseTo(contrastRatio('#777', '#fff'), 10);
  });

  it('of the stylesheet’s backgrounds is what start-up checks against', () => {
    expect(css).toMatch(new RegExp(`body \\{[^}]*background: ${THEMES.light.page};`));
    expect(css).toMatch(/\.card \{[^}]*background: #fff;/);
    expect(darkBlock).toMatch(new RegExp(`body \\{[^}]*background: ${THEMES.dark.page};`));
    expect(darkBlock).toMatch(new RegExp(`\\.card \\{[^}]*background: ${THEMES.dark.card} !important;`));
    expect(variable(lightRoot, 'accent')).toBe(THEMES.light.accent);
    expect(variable(darkBlock, 'accent')).toBe(THEMES.dark.accent);
  });

  it.each(['light', 'dark'] as const)(
    'of every text colour of the %s theme is at least 4.5:1 on its card and page',
    (theme) => {
      const block = theme === 'light' ? lightRoot : darkBlock;
      for (const name of ['accent', 'error', 'muted']) {
        const colour = variable(block, name)!;
        const lowest = Math.min(contrastRatio(colour, THEMES[theme].card), contrastRatio(colour, THEMES[theme].page));
        // The name in the expectation says which colour failed.
        expect({ [name]: lowest >= MINIMUM_CONTRAST }).toEqual({ [name]: true });
      }
      // Button text on the accent.
      expect(contrastRatio(variable(block, 'on-accent')!, THEMES[theme].accent)).toBeGreaterThanOrEqual(
        MINIMUM_CONTRAST,
      );
    },
  );
});

describe('BRAND_COLOR and BRAND_COLOR_DARK', () => {
  it('are added to the stylesheet, one per theme, when they read well', () => {
    const { brand: configured } = loadConfig({ BRAND_COLOR: '#0B6E4F', BRAND_COLOR_DARK: '#7fd1b9' });
    expect(configured.accent).toEqual({ light: '#0b6e4f', dark: '#7fd1b9' });
    const styles = accentStyles(configured);
    expect(styles).toContain(':root {\n  --accent: #0b6e4f;\n}');
    expect(styles).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root \{\s*--accent: #7fd1b9;/);
    expect(accentStyles(brand({}))).toBe('');
  });

  it('are refused at start-up when text in them would be hard to read, saying which way to go', () => {
    expect(() => loadConfig({ BRAND_COLOR: '#ffcc00' })).toThrow(ConfigError);
    expect(() => loadConfig({ BRAND_COLOR: '#ffcc00' })).toThrow(
      /^BRAND_COLOR #ffcc00 has a contrast of 1\.\d\d:1 against the light theme's card background #ffffff; links and text need at least 4\.5:1, so choose a darker colour$/,
    );
    // #757575 passes on white (4.6:1) but not on the grey page around the card.
    expect(() => loadConfig({ BRAND_COLOR: '#757575' })).toThrow(/light theme's page background #f3f4f7/);
    expect(() => loadConfig({ BRAND_COLOR_DARK: '#2f5bd3' })).toThrow(
      /^BRAND_COLOR_DARK #2f5bd3 has a contrast of 2\.\d\d:1 against the dark theme's card background #1f2229; .* so choose a lighter colour$/,
    );
    expect(() => loadConfig({ BRAND_COLOR: 'blue' })).toThrow(
      'BRAND_COLOR must be a colour such as #2f5bd3 (got "blue")',
    );
  });
});

describe('BRAND_LOGO', () => {
  const folder = mkdtempSync(join(tmpdir(), 'twofold-logo-'));

  it('is a file served under a version of its content, or an https URL', () => {
    const file = join(folder, 'logo.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const first = loadConfig({ BRAND_LOGO: file }).brand.logo!;
    expect(first).toEqual({
      src: expect.stringMatching(/^\/static\/logo\?v=[0-9a-f]{12}$/),
      file,
      type: 'image/svg+xml',
    });
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" width="1"/>');
    expect(loadConfig({ BRAND_LOGO: file }).brand.logo!.src).not.toBe(first.src);

    expect(loadConfig({ BRAND_LOGO: 'https://cdn.example.com/acme.png' }).brand.logo).toEqual({
      src: 'https://cdn.example.com/acme.png',
      origin: 'https://cdn.example.com',
    });
  });

  it('is refused when it cannot be shown safely', () => {
    expect(() => loadConfig({ BRAND_LOGO: 'http://cdn.example.com/acme.png' })).toThrow(
      'BRAND_LOGO must be an https:// URL or a file path (got "http://cdn.example.com/acme.png")',
    );
    expect(() => loadConfig({ BRAND_LOGO: join(folder, 'missing.png') })).toThrow(
      /^BRAND_LOGO names a file that cannot be read: .*missing\.png/,
    );
    const text = join(folder, 'logo.txt');
    writeFileSync(text, 'not an image');
    expect(() => loadConfig({ BRAND_LOGO: text })).toThrow(
      /^BRAND_LOGO must be a \.png, \.svg, \.jpg, \.webp or \.gif file/,
    );
    const big = join(folder, 'big.png');
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1));
    expect(() => loadConfig({ BRAND_LOGO: big })).toThrow(/^BRAND_LOGO must be at most 1 MiB/);
  });
});
