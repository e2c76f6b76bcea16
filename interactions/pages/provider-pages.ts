// The pages oidc-provider itself renders (errors, logout confirmation, signed-out), in our look.
// Error pages show the OAuth error's description only: never a stack trace.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ProviderPages } from '../../src/oidc/provider.js';
import { html, SafeHtml } from '../html.js';
import { layout, messagePage } from '../layout.js';
import { temporarilyUnavailable } from '../errors.js';
import { unavailableStore } from '../../src/stores/unavailable.js';

interface PageConfig {
  issuerName: string;
}

const FRIENDLY: Record<string, string> = {
  invalid_request: 'The link that brought you here is not valid. Go back to the application and try again.',
  invalid_client: 'The application that sent you here is not known to this sign-in service.',
  invalid_redirect_uri: 'The application asked to send you to an address it has not registered.',
  server_error: 'Something went wrong on our side. Please try again in a moment.',
  temporarily_unavailable: 'Sign-in is temporarily unavailable. Please try again in a moment.',
};

/** Our renderings of oidc-provider's own pages, for createProvider. */
export function providerPages(config: PageConfig): ProviderPages {
  return {
    error: (ctx: KoaContextWithOIDC, out: { error?: unknown; error_description?: unknown }, error?: unknown) => {
      ctx.type = 'html';
      if (unavailableStore(error)) {
        // oidc-provider calls any unexpected failure a server_error (500); an unreachable store is a
        // 503: the same request will work in a moment.
        const { status, title, explanation } = temporarilyUnavailable();
        ctx.status = status;
        ctx.set('Retry-After', '30');
        ctx.body = messagePage(config.issuerName, title, explanation);
        return;
      }
      const code = typeof out.error === 'string' ? out.error : 'server_error';
      const description = typeof out.error_description === 'string' ? out.error_description : '';
      ctx.body = messagePage(
        config.issuerName,
        'Sign-in could not continue',
        FRIENDLY[code] ?? 'The request could not be completed. Go back to the application and try again.',
        html`<p class="muted"><small>Error: <code>${code}</code>${description ? html` — ${description}` : ''}</small></p>`,
      );
    },

    logout: (ctx: KoaContextWithOIDC, form: string) => {
      ctx.type = 'html';
      // `form` is oidc-provider's own hidden form (with its CSRF token): trusted markup.
      ctx.body = layout({
        title: 'Sign out',
        issuerName: config.issuerName,
        body: html`<h1>Sign out?</h1>
<p>You will be signed out of ${config.issuerName} and the applications that use it in this browser.</p>
${new SafeHtml(form)}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
      });
    },

    loggedOut: (ctx: KoaContextWithOIDC) => {
      ctx.type = 'html';
      ctx.body = messagePage(config.issuerName, 'Signed out', 'You have been signed out. You can close this window.');
    },
  };
}
