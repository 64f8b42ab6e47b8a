import { z } from 'zod';

/** The Payload the AwaitAnswer state of callback-probe.asl.json sends. */
export const awaitProbeAnswerSchema = z.object({
  probeId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  taskToken: z.string().min(1).max(1024),
});
export type AwaitProbeAnswerInput = z.infer<typeof awaitProbeAnswerSchema>;
