import type { ContextDefinitions } from './context-definitions.ts';

/**
 * Follow-up (functions/follow-up/): the case of a low rating, its workflow, the owner's
 * page and the admin API on cases. Only the handlers that mail need mail and settings (the
 * branding; functions/follow-up/case-mail-deps.ts), and links only those that mail a case link; the contract test
 * (test/unit/contract) holds each declaration to what its handler reads.
 */
export const followUp = {
  functions: [
    {
      id: 'NotifyFollowUpOwner',
      entry: 'functions/follow-up/tasks/notify-owner.ts',
      description: 'Follow-up task: mails the owner the case link',
      table: 'readwrite',
      email: true,
      links: true,
      settings: true,
    },
    {
      id: 'AwaitFollowUpResolution',
      entry: 'functions/follow-up/tasks/await-resolution.ts',
      description: 'Follow-up callback task: parks the task token on the case, or answers at once',
      table: 'readwrite',
      workflows: { answer: ['FollowUpCase'] },
    },
    {
      id: 'EscalateFollowUp',
      entry: 'functions/follow-up/tasks/escalate-follow-up.ts',
      description: 'Follow-up task: marks the case overdue and mails the escalation contact',
      table: 'readwrite',
      email: true,
      links: true,
      settings: true,
    },
    {
      id: 'SendClosingEmail',
      entry: 'functions/follow-up/tasks/send-closing-email.ts',
      description: 'Follow-up task: the requester\'s "what we did" mail',
      table: 'readwrite',
      email: true,
      settings: true,
    },
    {
      id: 'ShowCasePage',
      entry: 'functions/follow-up/pages/show-case-page.ts',
      description: 'GET /f/{token}: the case page of the owner',
      table: 'read',
      settings: true,
    },
    {
      id: 'SubmitCasePage',
      entry: 'functions/follow-up/pages/submit-case-page.ts',
      description: 'POST /f/{token}: records root cause and action and resolves the case',
      table: 'readwrite',
      settings: true,
      workflows: { answer: ['FollowUpCase'] },
    },
    {
      id: 'AddCaseNote',
      entry: 'functions/follow-up/pages/add-case-note.ts',
      description: 'POST /f/{token}/note: takes the case in progress, adds an internal note',
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'ReassignCasePage',
      entry: 'functions/follow-up/pages/reassign-case-page.ts',
      description: 'POST /f/{token}/assign: hands the case to another owner from the case page',
      table: 'readwrite',
      email: true,
      links: true,
      settings: true,
    },
    {
      id: 'ListFollowUps',
      entry: 'functions/follow-up/api/list-follow-ups.ts',
      description: 'GET /v1/follow-ups?status=: cases by status',
      // readwrite and settings: each read of cases is audited, kept `audit.retentionDays`;
      // the settings also say whether a unit viewer sees the requester.
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'GetFollowUp',
      entry: 'functions/follow-up/api/get-follow-up.ts',
      description: 'GET /v1/follow-ups/{id}: one case',
      // As ListFollowUps: the read is audited.
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'AssignFollowUp',
      entry: 'functions/follow-up/api/assign-follow-up.ts',
      description: 'POST /v1/follow-ups/{id}/assign: hands a case to another owner',
      table: 'readwrite',
      email: true,
      links: true,
      settings: true,
    },
    {
      id: 'ResolveFollowUp',
      entry: 'functions/follow-up/api/resolve-follow-up.ts',
      description: 'POST /v1/follow-ups/{id}/resolve: resolves a case from the admin API',
      table: 'readwrite',
      // The audit record's retention (`audit.retentionDays`).
      settings: true,
      workflows: { answer: ['FollowUpCase'] },
    },
  ],
  routes: [
    { method: 'GET', path: '/f/{token}', functionId: 'ShowCasePage', auth: 'public' },
    { method: 'POST', path: '/f/{token}', functionId: 'SubmitCasePage', auth: 'public' },
    { method: 'POST', path: '/f/{token}/note', functionId: 'AddCaseNote', auth: 'public' },
    {
      method: 'POST',
      path: '/f/{token}/assign',
      functionId: 'ReassignCasePage',
      auth: 'public',
    },
    { method: 'GET', path: '/v1/follow-ups', functionId: 'ListFollowUps', auth: 'admin' },
    { method: 'GET', path: '/v1/follow-ups/{id}', functionId: 'GetFollowUp', auth: 'admin' },
    {
      method: 'POST',
      path: '/v1/follow-ups/{id}/assign',
      functionId: 'AssignFollowUp',
      auth: 'admin',
    },
    {
      method: 'POST',
      path: '/v1/follow-ups/{id}/resolve',
      functionId: 'ResolveFollowUp',
      auth: 'admin',
    },
  ],
  workflows: [
    {
      id: 'FollowUpCase',
      file: 'state-machines/follow-up-case.asl.json',
      description: 'One low rating: owner notified, SLA, escalation, resolution, closing mail',
      functions: [
        'NotifyFollowUpOwner',
        'AwaitFollowUpResolution',
        'EscalateFollowUp',
        'SendClosingEmail',
      ],
    },
  ],
  schedules: [],
} as const satisfies ContextDefinitions;
