// The browser and system named by a User-Agent header, in a person's terms ("Firefox", "Windows"),
// for the list of where an account is signed in. A few well-known patterns, tried in order; the
// header is whatever the client sent, so it is a hint to recognise one's own devices, never proof.
// (ua-parser-js would cover more, but its current major version is AGPL; this list is enough here.)

export interface Device {
  /** A browser's name, or null when not recognised. */
  browser: string | null;
  /** An operating system's name, or null when not recognised. */
  system: string | null;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", iOS also says "Mac OS X".
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

// Long enough for any real browser's header; a longer one is not worth matching.
const MAX_LENGTH = 512;

export function deviceOf(userAgent: string | undefined): Device {
  const header = (userAgent ?? '').slice(0, MAX_LENGTH);
  const name = (list: [RegExp, string][]) => list.find(([pattern]) => pattern.test(header))?.[1] ?? null;
  return { browser: name(BROWSERS), system: name(SYSTEMS) };
}
