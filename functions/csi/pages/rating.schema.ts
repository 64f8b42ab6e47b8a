import { z } from 'zod';
import { REASONS } from '#shared/kernel/reasons.ts';

/** The rating form (or JSON) body. A form sends one `reasons` per box ticked. */
export const ratingSubmissionSchema = z.object({
  // A number (JSON) or the digit a form sends; not z.coerce, which would take true as 1.
  score: z
    .union(
      [
        z.number().int(),
        z
          .string()
          .trim()
          .regex(/^[1-5]$/)
          .transform(Number),
      ],
      // The page says it in the person's words (rating-errors.ts); this is the API's.
      { error: 'a score from 1 to 5' }
    )
    .pipe(z.number().int().min(1).max(5)),
  comment: z.string().trim().max(2000).default(''),
  reasons: z
    .union([z.enum(REASONS), z.array(z.enum(REASONS))])
    .optional()
    .transform((r) => (r === undefined ? [] : Array.isArray(r) ? [...new Set(r)] : [r])),
});
export type RatingSubmission = z.infer<typeof ratingSubmissionSchema>;

/** `?score=n` on the mail's links: only pre-selects, never records. */
export const scoreQuerySchema = z.object({
  score: z
    .string()
    .regex(/^[1-5]$/)
    .transform(Number)
    .optional()
    .catch(undefined),
  /** Where a submitted form lands (303 after the POST): the thank-you page. */
  thanks: z.literal('1').optional().catch(undefined),
});
