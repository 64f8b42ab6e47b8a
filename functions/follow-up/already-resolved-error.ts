/** The case is resolved already: resolving or reassigning it is refused (409), never applied. */
export class FollowUpAlreadyResolvedError extends Error {
  override name = 'FollowUpAlreadyResolvedError';
}
