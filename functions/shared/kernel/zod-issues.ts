import type { z } from 'zod';

/**
 * The one formatter of a failed parse, for every reader: `{ path, message }` pairs for
 * the 400 answers of the API and the webhooks, and `path: message` lines for the errors
 * of a bad deployment (environment, settings) and the summary at the top of a form.
 * @param root what an issue of the whole value is called (its path is empty)
 */
export const describeIssues = (error: z.ZodError, root = '(body)') =>
  error.issues.map((issue) => ({ path: issue.path.join('.') || root, message: issue.message }));

export const issueLines = (error: z.ZodError, root = '(body)'): string[] =>
  describeIssues(error, root).map((issue) => `${issue.path}: ${issue.message}`);
