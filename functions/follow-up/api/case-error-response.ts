import { FollowUpNotFoundError } from '#shared/data/not-found-errors.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';

/** The admin answer for a case that is missing (404) or resolved already (409); else rethrows. */
export const caseErrorResponse = (error: unknown) => {
  if (error instanceof FollowUpNotFoundError) return jsonResponse(404, { message: 'Not Found' });
  if (error instanceof FollowUpAlreadyResolvedError)
    return jsonResponse(409, { message: 'the case is resolved' });
  throw error;
};
