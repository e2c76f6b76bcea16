// Input an administrator or a person gave that we refuse, with a message safe to show them.
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}
