// The languages the pages speak, and which one a person gets. In order: the relying party's
// `ui_locales` (OpenID Connect Core §3.1.2.1, its person's preference as it knows it), unless the
// person picked another language on a page of this very sign-in; then the language the person
// picked (remembered in a cookie); then the browser's Accept-Language; then DEFAULT_LOCALE.
// Each catalogue is one primary language (fr serves fr-CA and fr-CH), so a tag matches by its
// language subtag, as RFC 4647 §3.4 lookup does once the region is cut off.

export const LOCALES = ['en', 'fr', 'de', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in that language, for the switcher (a person looks for their own). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

// Parsing a tag is ICU work (~1 % of a sign-in's CPU, issue 11) and a server meets few distinct
// tags, so answers are kept; a flood of made-up tags cannot grow this beyond its bound.
const REMEMBERED_TAGS = 256;
const remembered = new Map<string, Locale | null>();

/** The catalogue for a BCP 47 tag (`de-CH` → `de`), or undefined for a language we do not have. */
function localeOf(tag: string): Locale | undefined {
  if (tag.length > 64) return undefined;
  const known = remembered.get(tag);
  if (known !== undefined) return known ?? undefined;
  let locale: Locale | null = null;
  try {
    const language = new Intl.Locale(tag).language.toLowerCase();
    if (isLocale(language)) locale = language;
  } catch {
    // not a language tag at all: "*", "x", a typo
  }
  if (remembered.size < REMEMBERED_TAGS) remembered.set(tag, locale);
  return locale ?? undefined;
}

/** The first of `tags` (in order of preference) that we have a catalogue for. */
export function firstSupported(tags: readonly string[]): Locale | undefined {
  for (const tag of tags) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** A language the person picked on a page, and the sign-in (interaction uid) that page was of. */
export interface PickedLocale {
  locale: Locale;
  signIn?: string | undefined;
}

const SIGN_IN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The cookie value for a pick: `fr`, or `fr.<uid>` when picked on a page of sign-in `uid`. */
export function encodePicked(picked: PickedLocale): string {
  return picked.signIn && SIGN_IN_ID.test(picked.signIn) ? `${picked.locale}.${picked.signIn}` : picked.locale;
}

/** The pick a cookie value names; undefined for anything else (an old or forged value is ignored). */
export function decodePicked(value: string | undefined): PickedLocale | undefined {
  const match = /^([a-z]{2})(?:\.([A-Za-z0-9_-]{1,64}))?$/.exec(value ?? '');
  if (!match || !isLocale(match[1])) return undefined;
  return match[2] ? { locale: match[1], signIn: match[2] } : { locale: match[1] };
}

export interface LocaleChoice {
  /** The relying party's `ui_locales` (space-separated, in order of preference), if it sent one. */
  uiLocales?: string | undefined;
  /** The sign-in (interaction uid) the page belongs to, if it is a sign-in page. */
  signIn?: string | undefined;
  picked?: PickedLocale | undefined;
  /** The browser's Accept-Language tags, best first. */
  acceptLanguages: readonly string[];
  defaultLocale: Locale;
}

export function chooseLocale(choice: LocaleChoice): Locale {
  const requested = firstSupported((choice.uiLocales ?? '').split(' ').filter(Boolean));
  const pickedDuringThisSignIn = choice.signIn !== undefined && choice.picked?.signIn === choice.signIn;
  if (requested && !pickedDuringThisSignIn) return requested;
  return choice.picked?.locale ?? firstSupported(choice.acceptLanguages) ?? choice.defaultLocale;
}
