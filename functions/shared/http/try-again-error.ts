/**
 * A request that lost to others at the same moment and may well succeed when sent again
 * (a context names its own, e.g. RatingBusyError). The page stack answers it with 503 and a
 * localized "please try again" page: the person did nothing wrong, and nothing broke.
 */
export class TryAgainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TryAgainError';
  }
}
