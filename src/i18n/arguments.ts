// The arguments of a message, read from its English text by the type checker: `{email}` needs an
// `email`, `{count, plural, …}` a number, a tag such as `<help>…</help>` a function that wraps its
// text (strong, em and code are built in). So a call that forgets an argument, misspells one or
// passes a word where a count goes does not compile. Only the English text is read; start-up
// checks that every translation uses exactly the same arguments (translator.ts).

/** Markup the pages give every message, so catalogues may use it freely. */
export type BuiltInTag = 'strong' | 'em' | 'code';

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;

/** An ICU argument name: no spaces or syntax (which rules out plural branches such as `{# codes}`). */
type IsName<S extends string> = S extends ''
  ? false
  : S extends `${string}${' ' | '#' | '{' | '<' | '/' | '’' | '.'}${string}`
    ? false
    : true;

type ArgumentType<Kind extends string> =
  Trim<Kind> extends `${'plural' | 'selectordinal' | 'number'}${string}` ? number : string;

/** [name, type] of every `{…}` argument, plural and select ones included, at any depth. */
type Arguments<S extends string, Found = never> = S extends `${string}{${infer Rest}`
  ? Rest extends `${infer Body}}${string}`
    ? Body extends `${infer Name},${infer Kind}`
      ? Arguments<Rest, IsName<Trim<Name>> extends true ? Found | [Trim<Name>, ArgumentType<Kind>] : Found>
      : Arguments<Rest, IsName<Trim<Body>> extends true ? Found | [Trim<Body>, string] : Found>
    : Found
  : Found;

/** The names of the tags a message uses, built-in ones left out. */
type Tags<S extends string, Found = never> = S extends `${string}<${infer Name}>${infer Rest}`
  ? Tags<Rest, Name extends `/${string}` | BuiltInTag ? Found : IsName<Name> extends true ? Found | Name : Found>
  : Found;

/** What a message needs, for pages that produce `T` (escaped HTML, for instance). */
export type MessageArguments<S extends string, T> = {
  [A in Arguments<S> as A[0]]: A[1] extends number ? number : string | number | T;
} & Record<Tags<S>, (chunks: (string | T)[]) => T>;
