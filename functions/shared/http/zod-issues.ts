import type { z } from 'zod';

/** The issues of a failed parse as `{ path, message }` pairs: the one shape every 400 answer lists. */
export const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
