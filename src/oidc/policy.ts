// When oidc-provider must send the person to our pages. oidc-provider's default prompts stay as
// they are (prompt=login and an exceeded max_age already ask for a new login; consent asks for
// scopes not yet granted); the login prompt gains two checks of our own:
// - account_unavailable: the session names an account that findAccount no longer resolves (the
//   account was disabled). Without this check the flow would go on with no account and no grant
//   and fail deep inside oidc-provider instead of asking the person to sign in again.
// - mfa_required: a session that does not carry our password-plus-code acr is not good enough.
//   Our pages only ever resolve the login after both factors, so this never fires for sessions we
//   made; it keeps that promise should any other path ever create a session.
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { ACR_PASSWORD_AND_OTP } from './acr.js';

const { base, Check } = interactionPolicy;

export function twofoldInteractionPolicy(): interactionPolicy.Prompt[] {
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider default interaction policy has no login prompt');

  login.checks.add(
    new Check('account_unavailable', 'the signed-in account can no longer sign in', (ctx: KoaContextWithOIDC) => {
      const session = ctx.oidc.session;
      return session?.accountId !== undefined && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
    // First: the other checks read the session's account.
    1,
  );

  login.checks.add(
    new Check('mfa_required', 'a password and a one-time code are required', (ctx: KoaContextWithOIDC) => {
      const session = ctx.oidc.session;
      if (session?.accountId === undefined) return Check.NO_NEED_TO_PROMPT;
      return session.acr === ACR_PASSWORD_AND_OTP && session.amr?.includes('otp')
        ? Check.NO_NEED_TO_PROMPT
        : Check.REQUEST_PROMPT;
    }),
  );

  return policy;
}
