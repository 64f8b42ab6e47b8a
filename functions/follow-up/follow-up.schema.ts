import { z } from 'zod';
import { ROOT_CAUSES } from './root-causes.ts';

/** Task inputs of follow-up-case.asl.json. */
const followUpId = z.string().regex(/^[a-f0-9]{32}$/);
export const followUpTaskSchema = z.object({ followUpId });
export const awaitResolutionSchema = z.object({
  followUpId,
  taskToken: z.string().min(1).max(2048),
});

/**
 * Whether the requester is told what was done when a resolution does not say: the one
 * default of the admin API's body and of the case page's form (its choice starts there).
 */
export const NOTIFY_REQUESTER_BY_DEFAULT: boolean = true;

export const MESSAGE_TO_REQUESTER_MAX = 2000;
export const CORRECTIVE_ACTION_MAX = 4000;
export const NOTE_MAX = 2000;

/** A form's yes/no (`yes`, `on`, `no`) or JSON's boolean; absent: the default. */
const yesNo = z
  .union([z.boolean(), z.enum(['yes', 'on', 'no'])])
  .optional()
  .transform((v) =>
    v === undefined ? NOTIFY_REQUESTER_BY_DEFAULT : typeof v === 'boolean' ? v : v !== 'no'
  );

/**
 * The case page's and the admin API's resolve body. The corrective action is internal
 * (never mailed to the requester); a requester who is to be told gets the message written
 * for them, so it is required then, and dropped when they are not told.
 */
export const resolutionSchema = z
  .object({
    rootCause: z.enum(ROOT_CAUSES),
    correctiveAction: z.string().trim().min(1).max(CORRECTIVE_ACTION_MAX),
    notifyRequester: yesNo,
    messageToRequester: z.string().trim().max(MESSAGE_TO_REQUESTER_MAX).optional(),
  })
  .superRefine(
    (value, ctx) => {
      if (value.notifyRequester && !value.messageToRequester) {
        ctx.addIssue({
          code: 'custom',
          path: ['messageToRequester'],
          message: 'required when notifyRequester is true',
        });
      }
    },
    // Checked with the other fields' errors too, so a form lists everything to fix at once.
    // (unless the fields it reads are themselves wrong: that is their own error).
    {
      when: (payload) =>
        typeof payload.value === 'object' &&
        payload.value !== null &&
        !payload.issues.some((issue) =>
          ['notifyRequester', 'messageToRequester'].includes(String(issue.path?.[0]))
        ),
    }
  )
  .transform((value) => ({
    ...value,
    messageToRequester: value.notifyRequester ? value.messageToRequester : undefined,
  }));

export const assignmentSchema = z.object({
  owner: z.object({
    email: z.email().trim().toLowerCase(),
    name: z.string().trim().min(1).max(200),
  }),
});

/** The case page's reassignment form: the new owner's address and name, flat. */
export const pageAssignmentSchema = z
  .object({
    ownerEmail: z.email().trim().toLowerCase(),
    ownerName: z.string().trim().min(1).max(200),
  })
  .transform((v) => ({ owner: { email: v.ownerEmail, name: v.ownerName } }));

/** The case page's "in progress" form: an internal note (required once the case is in progress). */
export const noteSchema = z.object({
  note: z.string().trim().max(NOTE_MAX).optional(),
});
