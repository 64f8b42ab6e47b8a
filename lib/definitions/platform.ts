import type { ContextDefinitions } from './context-definitions.ts';

/** The health check answers within HEALTH_TIMEOUT_MS per component (default 2000). */
const healthEnvironment = { optional: ['HEALTH_TIMEOUT_MS'] } as const;

/**
 * Platform (functions/platform/): the authorizer of the admin routes, the health check and
 * its probe workflow, and the reconcile pass that restarts lost workflows.
 */
export const platform = {
  functions: [
    {
      id: 'AuthorizeRequest',
      entry: 'functions/platform/authorize/authorize-request.ts',
      description:
        'Lambda authorizer of every admin route: a session cookie or a bearer JWT in, the principal (role, units) out',
      // The sessions: a cookie is looked up by the hash of its id.
      table: 'read',
    },
    {
      id: 'GetHealth',
      entry: 'functions/platform/health/get-health.ts',
      description:
        "GET /health: reports whether the table, the mail service, each workflow and each source's credentials answer",
      table: 'read',
      mailStatus: true,
      sourceCredentials: true,
      workflows: { read: ['CallbackProbe', 'CsiSurvey', 'FollowUpCase'] },
      environment: healthEnvironment,
    },
    {
      id: 'SelfCheck',
      entry: 'functions/platform/health/self-check.ts',
      description:
        'Scheduled: runs the health check and publishes a metric per unhealthy component',
      table: 'read',
      mailStatus: true,
      sourceCredentials: true,
      workflows: { read: ['CallbackProbe', 'CsiSurvey', 'FollowUpCase'] },
      environment: healthEnvironment,
    },
    {
      id: 'GetOpenApi',
      entry: 'functions/platform/openapi/get-openapi.ts',
      description:
        "GET /openapi.json: the admin API's OpenAPI 3.1 document, generated from its zod schemas",
      memoryMb: 128,
      environment: {
        unread: { STAGE: 'Every function gets it; a fixed document has no stage to tell apart.' },
      },
    },
    {
      id: 'ListAuditRecords',
      entry: 'functions/platform/audit/list-audit.ts',
      description:
        'GET /v1/audit: the audit log of reads of cases and of changes, by time and actor, a page at a time',
      table: 'read',
    },
    {
      id: 'AwaitProbeAnswer',
      entry: 'functions/platform/probe/await-probe-answer.ts',
      description: 'Callback task of the probe workflow: stores the task token on the probe record',
      table: 'readwrite',
    },
    {
      id: 'ReconcileWorkflows',
      entry: 'functions/platform/reconcile/reconcile-workflows.ts',
      description:
        'Scheduled: restarts the workflow of every pending survey or case that has none running',
      // readwrite: a survey failed for a transient reason is put back to its status.
      table: 'readwrite',
      settings: true,
      timeoutSeconds: 300,
      workflows: { start: ['CsiSurvey', 'FollowUpCase'], inspect: ['CsiSurvey', 'FollowUpCase'] },
      // What changed within RECONCILE_GRACE_SECONDS (default 120) is left alone.
      environment: { optional: ['RECONCILE_GRACE_SECONDS'] },
    },
  ],
  routes: [
    { method: 'GET', path: '/health', functionId: 'GetHealth', auth: 'public' },
    // Public: the document holds no data (get-openapi.ts says why).
    { method: 'GET', path: '/openapi.json', functionId: 'GetOpenApi', auth: 'public' },
    { method: 'GET', path: '/v1/audit', functionId: 'ListAuditRecords', auth: 'admin' },
  ],
  workflows: [
    {
      id: 'CallbackProbe',
      file: 'state-machines/callback-probe.asl.json',
      description:
        'Proves the callback plumbing end to end: record, wait on a task token, mark answered or timed out',
      functions: ['AwaitProbeAnswer'],
      table: 'readwrite',
    },
  ],
  schedules: [
    {
      id: 'self-check',
      expression: 'rate(15 minutes)',
      description: 'Checks the table, the mail service and the workflows; a metric per failure',
      target: { kind: 'function', functionId: 'SelfCheck' },
    },
    {
      id: 'csi-reconcile',
      expression: 'rate(10 minutes)',
      description: 'Restarts the workflow of every pending survey or case that has none running',
      target: { kind: 'function', functionId: 'ReconcileWorkflows' },
    },
  ],
} as const satisfies ContextDefinitions;
