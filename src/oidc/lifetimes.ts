// How long oidc-provider keeps its state, in seconds, where more than its configuration follows it:
// a sign-in in progress (an interaction: the account page's pending sign-in and the limit on
// sign-ins one address holds open follow it) and a browser's session (how long the mark of an
// ended session must last: adapters/ended-sessions.ts).
export const INTERACTION_LIFETIME_SECONDS = 15 * 60;
export const SESSION_LIFETIME_SECONDS = 14 * 24 * 3600;
