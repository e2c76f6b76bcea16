// The name a person gives an authenticator app ("Work phone", "Spare phone"), so that among several
// they can tell which one to remove. Shown escaped like every value on a page; checked here so a
// name is also safe in a log line and in the CLI's output (no control or format characters, which
// could reorder or hide text).

/** At most this many characters (as a person counts them: grapheme clusters) after normalisation. */
const MAX_APP_NAME_LENGTH = 40;
// A cap on the stored size too: 40 clusters could otherwise carry any number of combining marks.
const MAX_CODE_UNITS = 160;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The name as stored (NFKC, trimmed), or null when it is empty, too long or holds control characters. */
export function checkAppName(name: unknown): string | null {
  if (typeof name !== 'string' || name.length > 400) return null;
  const clean = name.normalize('NFKC').trim();
  if (!clean || clean.length > MAX_CODE_UNITS || /[\p{Cc}\p{Cf}]/u.test(clean)) return null;
  let count = 0;
  for (const _ of graphemes.segment(clean)) if (++count > MAX_APP_NAME_LENGTH) return null;
  return clean;
}
