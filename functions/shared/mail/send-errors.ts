/**
 * What a failed SendEmail means for the mail, by the names the workflows' Retry and Catch
 * match (state-machines/csi-survey.asl.json) and reconcile's transient failures know.
 */

/** SES throttled us (429, TooManyRequestsException): nothing was sent; retried with backoff. */
export class EmailThrottledError extends Error {
  override name = 'EmailThrottledError';
}

/** SES answered 5xx, or could not be reached at all: nothing was sent; retried with backoff. */
export class EmailUnavailableError extends Error {
  override name = 'EmailUnavailableError';
}

/**
 * No answer came (a timeout, a reset connection, a hang-up): SES may have taken the mail.
 * The retry asks the mail receipts before it sends again.
 */
export class EmailOutcomeUnknownError extends Error {
  override name = 'EmailOutcomeUnknownError';
}

/** SES refused the mail for good (rejected, paused, unverified…): the survey ends `failed`. */
export class EmailRejectedError extends Error {
  override name = 'EmailRejectedError';
}

const THROTTLING = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
]);
/** SES v2's refusals, known by name even where the SDK error carries no status. */
const REJECTED = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
  'BadRequestException',
]);
/** Errors of a request that was sent and got no answer. */
const NO_ANSWER_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);
const NO_ANSWER_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);
/** Errors of a request that never left: no connection was made. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

const field = (error: object, name: string): unknown => {
  const value: unknown = Reflect.get(error, name);
  return value;
};

/**
 * The HTTP status SES answered with, if an answer came; an SDK service error without one
 * still says by its `$fault` whose side it was (a server fault counts as a 5xx).
 */
const httpStatusOf = (error: object): number | undefined => {
  const metadata = field(error, '$metadata');
  const status =
    typeof metadata === 'object' && metadata !== null
      ? field(metadata, 'httpStatusCode')
      : undefined;
  if (typeof status === 'number') return status;
  const fault = field(error, '$fault');
  if (fault === 'server') return 500;
  if (fault === 'client') return 400;
  return undefined;
};

const codeOf = (error: object): string => {
  const code = field(error, 'code');
  return typeof code === 'string' ? code : '';
};

/**
 * The error to throw for a failed send. An answer with a status says what SES did (429 or
 * a throttling name: throttled; 5xx: unavailable; another 4xx: rejected); no answer leaves
 * the outcome unknown; a connection never made is unavailable. Anything else (a bug, a
 * broken request) is thrown as it is.
 */
export const classifySendError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const status = httpStatusOf(error);
  const code = codeOf(error);
  if (THROTTLING.has(error.name) || status === 429) return new EmailThrottledError(error.name);
  if (status !== undefined && status >= 500) return new EmailUnavailableError(error.name);
  if (REJECTED.has(error.name) || (status !== undefined && status >= 400))
    return new EmailRejectedError(error.name);
  if (NOT_SENT_CODES.has(code)) return new EmailUnavailableError(code);
  if (
    NO_ANSWER_NAMES.has(error.name) ||
    NO_ANSWER_CODES.has(code) ||
    /socket hang up/i.test(error.message)
  )
    return new EmailOutcomeUnknownError(error.name === 'Error' ? code || 'no answer' : error.name);
  return error;
};
