// The pages oidc-provider itself renders (errors, logout confirmation, signed-out), in our look and
// the person's language (the request's ui_locales first, when oidc-provider has read it).
// Error pages show the OAuth error's description only: never a stack trace.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ProviderPages } from '../../src/oidc/provider.js';
import { html, SafeHtml } from '../html.js';
import { frameFor, type FrameSettings } from '../language.js';
import { layout, messagePage, supportContact } from '../layout.js';
import { PORTAL_CLIENT_ID, PORTAL_PATHS } from '../../src/portal/client.js';
import type { OutageAnswer } from '../errors.js';
import { asOutage } from '../../src/outage/index.js';

// The OAuth errors a person is told about in their own words; any other gets a general sentence.
const FRIENDLY = [
  'invalid_request',
  'invalid_client',
  'invalid_redirect_uri',
  'server_error',
  'temporarily_unavailable',
] as const;
type Friendly = (typeof FRIENDLY)[number];
const isFriendly = (code: string): code is Friendly => (FRIENDLY as readonly string[]).includes(code);

/** Our renderings of oidc-provider's own pages, for createProvider. */
export function providerPages(settings: FrameSettings, answerOutage: OutageAnswer): ProviderPages {
  return {
    error: (ctx: KoaContextWithOIDC, out: { error?: unknown; error_description?: unknown }, error?: unknown) => {
      // oidc-provider calls a store outage a server_error (500); it is the outage it is (503).
      const outage = asOutage(error);
      if (outage) {
        answerOutage(ctx, outage);
        return;
      }
      ctx.type = 'html';
      // Switching the language asks again: the same request shows the same error, in the new language.
      const frame = frameFor(ctx, settings, undefined, { returnTo: ctx.originalUrl });
      const { t } = frame;
      const code = typeof out.error === 'string' ? out.error : 'server_error';
      const description = typeof out.error_description === 'string' ? out.error_description : '';
      ctx.body = messagePage(
        frame,
        t('provider.error.title'),
        isFriendly(code) ? t(`provider.error.${code}`) : t('provider.error.other'),
        // For the relying party's developer: OAuth's own words (RFC 6749 §4.1.2.1), not translated.
        html`<p class="muted"><small>${description ? t('provider.error.code_described', { error: code, description }) : t('provider.error.code', { error: code })}</small></p>${supportContact(frame)}`,
      );
    },

    logout: (ctx: KoaContextWithOIDC, form: string) => {
      ctx.type = 'html';
      // The confirmation asked again (with the relying party's parameters), in the new language.
      const frame = frameFor(ctx, settings, undefined, { returnTo: ctx.originalUrl });
      const { t } = frame;
      // `form` is oidc-provider's own hidden form (with its CSRF token): trusted markup.
      ctx.body = layout({
        frame,
        title: t('logout.title'),
        body: html`<h1>${t('logout.heading')}</h1>
<p>${t('logout.message', { issuer: frame.issuerName })}</p>
${new SafeHtml(form)}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${t('logout.yes')}</button>
${
  // From our own account page, "No" goes back to it (the provider's session still signs the
  // person in there, without a password); answered to the provider, it would end on the
  // portal's "You are signed out" page while the person is still signed in.
  ctx.oidc.client?.clientId === PORTAL_CLIENT_ID
    ? html`<a class="button secondary" href="${PORTAL_PATHS.home}">${t('logout.no')}</a>`
    : html`<button class="secondary" type="submit" form="op.logoutForm">${t('logout.no')}</button>`
}`,
      });
    },

    loggedOut: (ctx: KoaContextWithOIDC) => {
      ctx.type = 'html';
      const frame = frameFor(ctx, settings);
      ctx.body = messagePage(frame, frame.t('logged_out.title'), frame.t('logged_out.message'));
    },
  };
}
