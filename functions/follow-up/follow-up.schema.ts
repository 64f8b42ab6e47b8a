import { z } from 'zod';
import { ROOT_CAUSES } from './root-causes.ts';

/** Task inputs of follow-up-case.asl.json. */
const followUpId = z.string().regex(/^[a-f0-9]{32}$/);
export const followUpTaskSchema = z.object({ followUpId });
export const awaitResolutionSchema = z.object({
  followUpId,
  taskToken: z.string().min(1).max(2048),
});

/** The case page and the admin API's resolve body. */
export const resolutionSchema = z.object({
  rootCause: z.enum(ROOT_CAUSES),
  correctiveAction: z.string().trim().min(1).max(4000),
  notifyRequester: z
    .union([z.boolean(), z.literal('yes'), z.literal('on')])
    .optional()
    .transform((v) => v === true || v === 'yes' || v === 'on'),
  messageToRequester: z.string().trim().max(2000).optional(),
});

export const assignmentSchema = z.object({
  owner: z.object({
    email: z.email().trim().toLowerCase(),
    name: z.string().trim().min(1).max(200),
  }),
});
