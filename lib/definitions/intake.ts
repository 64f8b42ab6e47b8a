import type { ContextDefinitions } from './context-definitions.ts';

/** Intake (functions/intake/): ticket events from the ticket systems, into surveys. */
export const intake = {
  functions: [
    {
      id: 'ReceiveGenericWebhook',
      entry: 'functions/intake/receive-generic-webhook.ts',
      description: 'POST /v1/webhooks/generic: verified canonical ticket events to surveys',
      table: 'readwrite',
      settings: true,
      webhookSecret: true,
      workflows: { start: ['CsiSurvey'], answer: ['CsiSurvey'] },
      scheduler: { start: ['CsiSurvey'] },
    },
    {
      id: 'ReceiveSourceWebhook',
      entry: 'functions/intake/receive-source-webhook.ts',
      description:
        'POST /v1/webhooks/{source}: Naumen, Jira, Zendesk and ServiceNow events to surveys',
      table: 'readwrite',
      settings: true,
      sourceCredentials: true,
      workflows: { start: ['CsiSurvey'], answer: ['CsiSurvey'] },
      scheduler: { start: ['CsiSurvey'] },
    },
  ],
  routes: [
    {
      method: 'POST',
      path: '/v1/webhooks/generic',
      functionId: 'ReceiveGenericWebhook',
      auth: 'public',
    },
    {
      method: 'POST',
      path: '/v1/webhooks/{source}',
      functionId: 'ReceiveSourceWebhook',
      auth: 'public',
    },
  ],
  workflows: [],
  schedules: [],
} as const satisfies ContextDefinitions;
