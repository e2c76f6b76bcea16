// A browser set to a language (Accept-Language on every request), and the check a reader of that
// language makes: does this page contain a sentence of the English catalogue?
import { CATALOGUES } from '../../src/i18n/translator.js';
import type { Locale } from '../../src/i18n/locales.js';
import { decodeEntities, UserAgent } from './user-agent.js';

export class UserAgentSpeaking extends UserAgent {
  constructor(
    issuer: string,
    readonly acceptLanguage: string,
  ) {
    super(issuer);
  }

  override fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    return super.fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), 'accept-language': this.acceptLanguage },
    });
  }
}

/** What a person reads on a page: its text, markup and script aside, whitespace collapsed. */
export function pageText(body: string): string {
  const text = body
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
  return decodeEntities(text);
}

/**
 * The stretches of plain words of a message (whitespace collapsed): what is left between its
 * arguments, plural syntax and tags, the words a translator replaces.
 */
export function stretchesOf(message: string): string[] {
  return message
    .replace(/\{\s*[a-z_]+\s*(\}|,\s*[a-z]+\s*,(\s*(=\d+|zero|one|two|few|many|other)\s*\{)?)/g, '\uE000')
    .split(/[\uE000{}#]|<\/?[a-z]+>/)
    .map((stretch) => stretch.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * The English stretches of the catalogue (text between its arguments and tags, three words or more)
 * that appear on a page shown in `locale`. Stretches the `locale` catalogue itself contains (a
 * product name, say) are not English left behind.
 */
export function englishSentencesOn(body: string, locale: Locale): string[] {
  const text = pageText(body);
  const own = Object.values(CATALOGUES[locale]).join('\n');
  const stretches = new Set<string>();
  for (const message of Object.values(CATALOGUES.en)) {
    for (const stretch of stretchesOf(message)) {
      const trimmed = stretch.replace(/^[.,:;—–-]\s*|\s*[.,:;—–-]$/g, '');
      if (trimmed.split(/\s+/).length >= 3 && !own.includes(trimmed)) stretches.add(trimmed);
    }
  }
  return [...stretches].filter((stretch) => text.includes(stretch));
}
