// The authentication context classes Twofold issues, listed in discovery (`acr_values_supported`).
// One level today: the person proved a password AND a one-time code from an authenticator app.
// `amr` (RFC 8176) says the same in standard words: pwd + otp, hence mfa, derived from the factors a
// sign-in passed (src/signin/steps.ts `proof`).

/** Password plus a TOTP code from an authenticator app. */
export const ACR_PASSWORD_AND_OTP = 'urn:twofold:acr:pwd+otp';

export const ACR_VALUES = [ACR_PASSWORD_AND_OTP] as const;
