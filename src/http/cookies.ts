// The attributes of every cookie Twofold sets itself (oidc-provider sets its own, src/oidc/provider.ts):
// not signed (each value is a random token, or a language the person picked), out of reach of
// scripts, sent on a top-level navigation from elsewhere (a relying party's redirect back here),
// https-only when the issuer is, and replacing an earlier cookie of the same name.
export function ownCookie(secure: boolean, path = '/') {
  return { signed: false, httpOnly: true, sameSite: 'lax' as const, secure, path, overwrite: true };
}
