// The message catalogues as a translator and a reader meet them: every language has every sentence,
// with the English message's arguments, in its own words; plurals follow each language's rules; and
// the language a person gets follows ui_locales, their pick, their browser, then the default.
import { CATALOGUES, translators, type MessageKey } from '../../src/i18n/translator.js';
import { chooseLocale, decodePicked, encodePicked, firstSupported, LOCALES } from '../../src/i18n/locales.js';

const localeOf = (tag: string) => firstSupported([tag]);

const KEYS = Object.keys(CATALOGUES.en) as MessageKey[];
const t = translators({ timeZone: 'UTC' });

/** The words of a message without its ICU syntax: what a reader sees, roughly. */
const words = (text: string) =>
  text
    .replace(/<\/?[a-z]+>/g, ' ')
    .replace(/\{[^{}]*\}/g, ' ')
    .split(/[^\p{L}’-]+/u)
    .filter((w) => w.length > 1);

describe('the message catalogues', () => {
  it.each(LOCALES)('%s has every English message, and no other', (locale) => {
    const catalogue = CATALOGUES[locale] as Record<string, string | undefined>;
    expect(KEYS.filter((key) => !catalogue[key]?.trim())).toEqual([]);
    expect(Object.keys(catalogue).filter((key) => !(key in CATALOGUES.en))).toEqual([]);
  });

  it.each(['fr', 'de', 'es'] as const)('%s is written in its own words, not English left untranslated', (locale) => {
    // A sentence of three words or more that reads the same as the English one was never translated.
    const untranslated = KEYS.filter(
      (key) => words(CATALOGUES.en[key]).length >= 3 && CATALOGUES[locale][key] === CATALOGUES.en[key],
    );
    expect(untranslated).toEqual([]);
  });

  it('uses typographic apostrophes, which ICU never reads as quoting', () => {
    for (const locale of LOCALES)
      expect(KEYS.filter((key) => CATALOGUES[locale][key].includes("'")).map((k) => `${locale} ${k}`)).toEqual([]);
  });

  it('formats every message in every language with sample arguments, without throwing', () => {
    for (const key of KEYS) {
      // The arguments and tags the English message names (its words aside), each given a sample value.
      const english = CATALOGUES.en[key];
      const values: Record<string, unknown> = {};
      for (const [, name, kind] of english.matchAll(/\{\s*([a-z_]+)\s*(,\s*[a-z]+)?/g))
        values[name!] = kind ? 2 : `[${name!}]`;
      for (const [, tag] of english.matchAll(/<([a-z]+)>/g)) values[tag!] = (chunks: unknown[]) => ({ tag, chunks });
      for (const locale of LOCALES) {
        const parts = t[locale].parts(key, { strong: String, em: String, code: String, ...values } as never);
        expect(parts.length).toBeGreaterThan(0);
      }
    }
  });

  it('puts plurals in each language’s own forms', () => {
    expect(t.en.text('account.codes.left', { count: 1 })).toBe('1 unused recovery code left.');
    expect(t.en.text('account.codes.left', { count: 7 })).toBe('7 unused recovery codes left.');
    expect(t.fr.text('account.codes.left', { count: 1 })).toBe('Il reste 1 code de récupération inutilisé.');
    expect(t.fr.text('account.codes.left', { count: 3 })).toBe('Il reste 3 codes de récupération inutilisés.');
    expect(t.de.text('account.codes.left', { count: 0 })).toBe('Keine unbenutzten Wiederherstellungscodes mehr.');
    expect(t.es.text('limits.code.account', { minutes: 1 })).toContain('dentro de un minuto aproximadamente');
    expect(t.es.text('limits.code.account', { minutes: 14 })).toContain('dentro de 14 minutos aproximadamente');
  });

  it('shows dates in the language, with the time zone named', () => {
    const at = new Date('2026-12-01T05:54:00Z');
    expect(t.fr.dateTime(at)).toBe('1 déc. 2026, 05:54 UTC');
    expect(t.de.dateTime(at)).toBe('1. Dez. 2026, 05:54 UTC');
    expect(translators({ timeZone: 'Europe/Paris' }).fr.dateTime(at)).toBe('1 déc. 2026, 06:54 UTC+1');
  });
});

describe('the language a person gets', () => {
  const base = { acceptLanguages: [] as string[], defaultLocale: 'en' as const };

  it('reads language tags by their language: fr-CA is French, pt and nonsense are not ours', () => {
    expect(localeOf('fr-CA')).toBe('fr');
    expect(localeOf('DE-ch')).toBe('de');
    expect(localeOf('pt-BR')).toBeUndefined();
    expect(localeOf('*')).toBeUndefined();
    expect(localeOf('x'.repeat(100))).toBeUndefined();
  });

  it('is the relying party’s ui_locales first, its first language we have', () => {
    expect(chooseLocale({ ...base, uiLocales: 'pt-BR es-MX fr', acceptLanguages: ['de'] })).toBe('es');
  });

  it('is the language picked on a page of this sign-in, over ui_locales', () => {
    const picked = { locale: 'de' as const, signIn: 'uid-1' };
    expect(chooseLocale({ ...base, uiLocales: 'fr', signIn: 'uid-1', picked })).toBe('de');
    // Picked in an earlier sign-in: the relying party's request is the newer word.
    expect(chooseLocale({ ...base, uiLocales: 'fr', signIn: 'uid-2', picked })).toBe('fr');
    // Outside a sign-in (an error page of /auth, the logout page): ui_locales.
    expect(chooseLocale({ ...base, uiLocales: 'fr', picked })).toBe('fr');
  });

  it('is then the picked language, then Accept-Language, then DEFAULT_LOCALE', () => {
    expect(chooseLocale({ ...base, picked: { locale: 'es' }, acceptLanguages: ['de'] })).toBe('es');
    expect(chooseLocale({ ...base, uiLocales: 'ja', acceptLanguages: ['pt', 'de-AT', 'fr'] })).toBe('de');
    expect(chooseLocale({ ...base, acceptLanguages: ['ja'], defaultLocale: 'fr' })).toBe('fr');
  });

  it('remembers a pick in a cookie value that reads back, and ignores any other value', () => {
    expect(decodePicked(encodePicked({ locale: 'fr', signIn: 'Ab_9-x' }))).toEqual({ locale: 'fr', signIn: 'Ab_9-x' });
    expect(decodePicked(encodePicked({ locale: 'de' }))).toEqual({ locale: 'de' });
    for (const value of ['', 'xx', 'xx.1', 'fr.', 'fr.a.b', 'fr.<script>', undefined])
      expect(decodePicked(value)).toBeUndefined();
  });
});
