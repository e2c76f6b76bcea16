// How long oidc-provider keeps the state of a sign-in in progress (an interaction), in seconds:
// the provider's configuration, the account page's pending sign-in and the limit on sign-ins one
// address holds open all follow it.
export const INTERACTION_LIFETIME_SECONDS = 15 * 60;
