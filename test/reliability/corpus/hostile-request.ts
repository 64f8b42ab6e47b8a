import { z } from 'zod';

/**
 * One hostile request of the R4 corpus, as data. A signature that must be fresh (its
 * timestamp is checked) is not stored: `sign` says how the suite signs it when it sends.
 */
export const hostileRequestSchema = z.strictObject({
  id: z.string(),
  /** What the request tries (signatures, sizes, encodings, nesting, headers, tokens, methods…). */
  category: z.string(),
  /** The route of the route table it aims at: `METHOD /path/{param}`. */
  route: z.string(),
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  /** A body that is not valid UTF-8 text, as base64. */
  bodyBase64: z.string().optional(),
  /** Repeat `body` this many times (large bodies stay small in the file). */
  repeat: z.number().int().min(1).optional(),
  /** Put before the (repeated) body. */
  head: z.string().optional(),
  /** Put after it, `tailRepeat` times. */
  tail: z.string().optional(),
  tailRepeat: z.number().int().min(1).optional(),
  sign: z
    .strictObject({
      /** `runtime`: the runtime's own secret (the signature is valid); `wrong`: another. */
      secret: z.enum(['runtime', 'wrong']),
      /** Seconds added to now; or a literal header value. */
      timestampOffset: z.number().optional(),
      timestampLiteral: z.string().optional(),
      webhookId: z.string(),
    })
    .optional(),
});
export type HostileRequest = z.infer<typeof hostileRequestSchema>;
export const corpusSchema = z.array(hostileRequestSchema);

/** The request's body bytes, as the corpus entry describes them. */
export const bodyOf = (request: HostileRequest): Buffer | undefined => {
  if (request.bodyBase64 !== undefined) return Buffer.from(request.bodyBase64, 'base64');
  if (request.body === undefined) return undefined;
  const tail = (request.tail ?? '').repeat(request.tailRepeat ?? 1);
  return Buffer.from(`${request.head ?? ''}${request.body.repeat(request.repeat ?? 1)}${tail}`);
};
