// Messages in a person's language. Every catalogue is compiled once, when this module is loaded
// (at start-up), with FormatJS's intl-messageformat: ICU MessageFormat, the syntax translators
// and their tools know, with CLDR plural rules through Intl.PluralRules. Compiling also checks that
// every translation parses and uses exactly the English message's arguments and tags, so a broken
// or drifting catalogue stops the server at start instead of failing on some person's page.
// What a message becomes is the caller's choice: parts (strings, and what its tags and rich
// arguments produced) for a page to escape, or plain text for a program or an e-mail subject.
import { IntlMessageFormat, type MessageFormatPart } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { BuiltInTag, MessageArguments } from './arguments.js';
import { LOCALES, type Locale } from './locales.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { de } from './messages/de.js';
import { es } from './messages/es.js';

export type Catalogue = typeof en;
export type MessageKey = keyof Catalogue;
/** A translation: every key of the English catalogue, none else (the compiler checks both). */
export type Translation = Readonly<Record<MessageKey, string>>;

export const CATALOGUES: Readonly<Record<Locale, Translation>> = { en, fr, de, es };

/** The arguments message `K` takes, for output of type `T`. */
export type ArgumentsOf<K extends MessageKey, T> = MessageArguments<Catalogue[K], T>;
/** `[]` when the message takes no argument, `[arguments]` otherwise: `t('a')`, `t('b', { email })`. */
export type ArgumentList<K extends MessageKey, T> = keyof ArgumentsOf<K, T> extends never ? [] : [ArgumentsOf<K, T>];

/** A catalogue that does not parse or does not match the English one: a bug to fix before starting. */
class CatalogueError extends Error {
  override name = 'CatalogueError';
}

const BUILT_IN_TAGS: readonly BuiltInTag[] = ['strong', 'em', 'code'];

interface Compiled {
  format: IntlMessageFormat;
  /** Names of the tags it uses: plain text keeps what they wrap. */
  tags: readonly string[];
}

/** Argument names (kind included) and tag names of a parsed message, at any depth. */
function signature(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        out.add(`{${element.value}}`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
      case TYPE.plural:
      case TYPE.select:
        // `{n}` and `{n, plural}` are the same argument; a translation may pick either form.
        out.add(`{${element.value}}`);
        if (element.type === TYPE.plural || element.type === TYPE.select)
          for (const option of Object.values(element.options)) signature(option.value, out);
        break;
      case TYPE.tag:
        out.add(`<${element.value}>`);
        signature(element.children, out);
        break;
      case TYPE.literal:
      case TYPE.pound:
        break;
    }
  }
  return out;
}

function compile(locale: Locale, key: MessageKey, text: string): Compiled {
  let format: IntlMessageFormat;
  try {
    format = new IntlMessageFormat(text, locale);
  } catch (error) {
    throw new CatalogueError(`message ${key} (${locale}) does not parse: ${(error as Error).message}`);
  }
  const found = signature(format.getAst());
  return { format, tags: [...found].filter((s) => s.startsWith('<')).map((s) => s.slice(1, -1)) };
}

function compileAll(): Record<Locale, Record<MessageKey, Compiled>> {
  const keys = Object.keys(en) as MessageKey[];
  const out = {} as Record<Locale, Record<MessageKey, Compiled>>;
  const english = {} as Record<MessageKey, Set<string>>;
  for (const key of keys) {
    english[key] = signature(compile('en', key, en[key]).format.getAst());
    // The pages give these names to their markup: an argument of the same name would replace it.
    const clash = BUILT_IN_TAGS.filter((tag) => english[key].has(`{${tag}}`));
    if (clash.length) throw new CatalogueError(`message ${key} names an argument ${clash.join(', ')}, a tag's name`);
  }
  for (const locale of LOCALES) {
    const catalogue = CATALOGUES[locale];
    const extra = Object.keys(catalogue).filter((key) => !(key in en));
    if (extra.length) throw new CatalogueError(`catalogue ${locale} has keys English does not: ${extra.join(', ')}`);
    out[locale] = {} as Record<MessageKey, Compiled>;
    for (const key of keys) {
      const text = catalogue[key] as string | undefined;
      if (typeof text !== 'string' || text.trim() === '')
        throw new CatalogueError(`message ${key} is missing in ${locale}`);
      const compiled = compile(locale, key, text);
      const mine = [...signature(compiled.format.getAst())].sort().join(' ');
      const theirs = [...english[key]].sort().join(' ');
      if (mine !== theirs)
        throw new CatalogueError(
          `message ${key} (${locale}) uses ${mine || 'no arguments'}; English uses ${theirs || 'none'}`,
        );
      out[locale][key] = compiled;
    }
  }
  return out;
}

const COMPILED = compileAll();

export interface TranslatorOptions {
  /** The IANA time zone dates are shown in (always named next to them). */
  timeZone: string;
}

/** One language's messages, dates and lists. */
export class Translator {
  private readonly messages: Record<MessageKey, Compiled>;
  private readonly dates: Intl.DateTimeFormat;
  private readonly lists: Intl.ListFormat;

  constructor(
    readonly locale: Locale,
    { timeZone }: TranslatorOptions,
  ) {
    this.messages = COMPILED[locale];
    this.dates = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    this.lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  }

  /**
   * The message as parts: strings (literal text and plain arguments, still to be escaped by an
   * HTML caller) and whatever the tag functions and rich arguments produced.
   */
  parts<K extends MessageKey, T extends object>(key: K, values?: ArgumentsOf<K, T>): (string | T)[] {
    const parts: MessageFormatPart<T>[] = this.messages[key].format.formatToParts<T>(values);
    return parts.map((part) => part.value);
  }

  /** The message as plain text: tags keep the words they wrap. */
  text<K extends MessageKey>(key: K, ...values: ArgumentList<K, string>): string {
    const compiled = this.messages[key];
    const plain: Record<string, unknown> = { ...values[0] };
    for (const tag of compiled.tags) plain[tag] = (chunks: string[]) => chunks.join('');
    const out = compiled.format.format<string>(plain as Record<string, string>);
    return Array.isArray(out) ? out.join('') : out;
  }

  /** A date and time for this language, with the zone: "1 déc. 2026, 05:54 UTC". */
  dateTime(date: Date): string {
    return this.dates.format(date);
  }

  /** "a, b and c" in this language's words and punctuation. */
  list(items: readonly string[]): string {
    return this.lists.format(items);
  }
}

/** One translator per language, built once (at start-up) for a deployment's time zone. */
export function translators(options: TranslatorOptions): Readonly<Record<Locale, Translator>> {
  return Object.freeze(
    Object.fromEntries(LOCALES.map((locale) => [locale, new Translator(locale, options)])) as Record<
      Locale,
      Translator
    >,
  );
}
