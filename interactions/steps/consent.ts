// Consent. Our own (first-party) clients are granted what they ask without a page; any other client
// shows who asks for what, with Allow and Deny. Granting follows oidc-provider's own example: add
// exactly what the consent prompt found missing to the (new or existing) grant.
import type { RouterContext } from '@koa/router';
import { field } from '../form-body.js';
import { consentPage, describeRequest } from '../pages/consent.js';
import { renderPage, type Step, type StepServices } from './context.js';

interface MissingGrants {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
}

export async function showConsent(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  if (step.firstParty) return grantConsent(ctx, deps, step);
  const details = step.interaction.prompt.details as MissingGrants;
  const { scope } = step.interaction.params;
  const requested = (typeof scope === 'string' ? scope : '').split(' ').filter(Boolean);
  const account = await deps.accounts.findById(step.interaction.session?.accountId ?? '');
  renderPage(
    ctx,
    consentPage({
      frame: step.frame,
      uid: step.uid,
      csrf: step.csrf,
      clientName: step.clientName,
      email: account?.email ?? '',
      requests: describeRequest(details.missingOIDCScope ?? requested, details.missingOIDCClaims ?? []),
    }),
  );
}

export async function submitConsent(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const accountId = step.interaction.session?.accountId;
  if (field(ctx.request.body, 'decision') === 'allow') {
    await deps.audit.record({ type: 'consent_granted', accountId, clientId: step.clientId, ip: ctx.ip });
    return grantConsent(ctx, deps, step);
  }
  await deps.audit.record({ type: 'consent_denied', accountId, clientId: step.clientId, ip: ctx.ip });
  const returnTo = await deps.provider.interactionResult(
    ctx.req,
    ctx.res,
    { error: 'access_denied', error_description: 'the person declined the request' },
    { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
}

async function grantConsent(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const { interaction } = step;
  const details = interaction.prompt.details as MissingGrants;
  const existing = interaction.grantId ? await deps.provider.Grant.find(interaction.grantId) : undefined;
  const grant =
    existing ?? new deps.provider.Grant({ accountId: interaction.session?.accountId, clientId: step.clientId });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  const returnTo = await deps.provider.interactionResult(
    ctx.req,
    ctx.res,
    { consent: existing ? {} : { grantId } },
    // Keep the login this same authorization request just resolved.
    { mergeWithLastSubmission: true },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
}
