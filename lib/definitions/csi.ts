import type { ContextDefinitions } from './context-definitions.ts';

/**
 * The mail tasks wait MAIL_RECEIPT_WAIT_SECONDS (default 60) for SES's Send receipt of an
 * attempt whose outcome is unknown before they mail again; 15 s leaves room for SendEmail's
 * own 8 s timeout (functions/shared/mail/ses-client.ts).
 */
const mailTaskEnvironment = { optional: ['MAIL_RECEIPT_WAIT_SECONDS'] } as const;

/**
 * The survey workflow's tasks wait on DynamoDB, SES and Step Functions and fill a mail
 * template built ahead (lib/mail): no CPU-bound work. Below 1,769 MB Lambda's CPU share
 * grows with memory, so halving it at most doubles the CPU-bound part of a run at the same
 * GB-s and halves the GB-s of the waits; nobody waits on these runs (issue 8:
 * docs/benchmarks.md). 256 MB leaves room over Node.js, the SDK clients and Powertools.
 */
const WORKFLOW_TASK_MEMORY_MB = 256;

/** CSI (functions/csi/): the survey workflow, its mail, the rating and opt-out pages. */
export const csi = {
  functions: [
    {
      id: 'MailInvitation',
      entry: 'functions/csi/tasks/mail-invitation.ts',
      description:
        'CSI callback task: eligibility, then the invitation mail, and parks the task token (or answers it)',
      table: 'readwrite',
      email: true,
      links: true,
      settings: true,
      workflows: { answer: ['CsiSurvey'] },
      timeoutSeconds: 15,
      memoryMb: WORKFLOW_TASK_MEMORY_MB,
      environment: mailTaskEnvironment,
    },
    {
      id: 'MailReminder',
      entry: 'functions/csi/tasks/mail-reminder.ts',
      description:
        'CSI callback task: the one reminder before closesAt, and parks the task token (or answers it)',
      table: 'readwrite',
      email: true,
      links: true,
      settings: true,
      // An inferred low score opens a case when configured (rating.inferredFollowUp).
      workflows: { answer: ['CsiSurvey'], start: ['FollowUpCase'] },
      timeoutSeconds: 15,
      memoryMb: WORKFLOW_TASK_MEMORY_MB,
      environment: mailTaskEnvironment,
    },
    {
      id: 'CloseSurvey',
      entry: 'functions/csi/tasks/close-survey.ts',
      description:
        'CSI task: expires or fails a survey that no rating closed; settles its clicks into an inferred rating first',
      table: 'readwrite',
      settings: true,
      workflows: { start: ['FollowUpCase'] },
      memoryMb: WORKFLOW_TASK_MEMORY_MB,
    },
    {
      id: 'ShowRatingPage',
      entry: 'functions/csi/pages/show-rating-page.ts',
      description:
        'GET/HEAD /r/{token}: the rating form; a GET is an unconfirmed click, never a rating',
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'SubmitRating',
      entry: 'functions/csi/pages/submit-rating.ts',
      description: 'POST /r/{token}: records or changes a rating and releases the workflow',
      table: 'readwrite',
      settings: true,
      workflows: { answer: ['CsiSurvey'], start: ['FollowUpCase'] },
    },
    {
      id: 'ShowOptOutPage',
      entry: 'functions/csi/pages/show-opt-out-page.ts',
      description: 'GET /u/{token}: the opt-out confirmation page',
      table: 'read',
      settings: true,
    },
    {
      id: 'ConfirmOptOut',
      entry: 'functions/csi/pages/confirm-opt-out.ts',
      description: 'POST /u/{token}: records the opt-out (form or RFC 8058 one-click)',
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'ListSurveys',
      entry: 'functions/csi/api/list-surveys.ts',
      description: "GET /v1/surveys?ticketId=: a ticket's surveys",
      table: 'read',
    },
  ],
  routes: [
    { method: 'GET', path: '/r/{token}', functionId: 'ShowRatingPage', auth: 'public' },
    { method: 'HEAD', path: '/r/{token}', functionId: 'ShowRatingPage', auth: 'public' },
    { method: 'POST', path: '/r/{token}', functionId: 'SubmitRating', auth: 'public' },
    { method: 'GET', path: '/u/{token}', functionId: 'ShowOptOutPage', auth: 'public' },
    { method: 'POST', path: '/u/{token}', functionId: 'ConfirmOptOut', auth: 'public' },
    { method: 'GET', path: '/v1/surveys', functionId: 'ListSurveys', auth: 'admin' },
  ],
  workflows: [
    {
      id: 'CsiSurvey',
      file: 'state-machines/csi-survey.asl.json',
      description:
        'One ticket resolution, started after its send delay: invitation and rating wait, one reminder and wait, expiry',
      functions: ['MailInvitation', 'MailReminder', 'CloseSurvey'],
    },
  ],
  schedules: [],
} as const satisfies ContextDefinitions;
