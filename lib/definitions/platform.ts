import type { ContextDefinitions } from './context-definitions.ts';

/** The health check answers within HEALTH_TIMEOUT_MS per component (default 2000). */
const healthEnvironment = { optional: ['HEALTH_TIMEOUT_MS'] } as const;

/**
 * Platform (functions/platform/): the authorizer of the admin routes, the health check and
 * its probe workflow, and the reconcile pass that restarts lost workflows.
 * Platform (functions/platform/): the health check and its probe workflow, the reconcile
 * pass that restarts lost workflows, and the business-unit registry.
 */
export const platform = {
  functions: [
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
    {
      id: 'AuthorizeRequest',
      entry: 'functions/platform/authorize/authorize-request.ts',
      description:
        'Lambda authorizer of every admin route: a bearer JWT or a session cookie makes the principal the route function gets',
      // read: the session behind a cookie.
      table: 'read',
      oidc: true,
      // The cookie's name: `__Host-` on https.
      links: true,
      memoryMb: 256,
    },
    {
      id: 'StartSignIn',
      entry: 'functions/platform/sign-in/start-sign-in.ts',
      description:
        "GET /auth/sign-in: sends the browser to the issuer's sign-in (code flow with PKCE), keeping the flow's state",
      table: 'readwrite',
      oidc: true,
      links: true,
    },
    {
      id: 'CompleteSignIn',
      entry: 'functions/platform/sign-in/complete-sign-in.ts',
      description:
        'GET /auth/callback: exchanges the code, checks the ID token and opens a session (the cookie)',
      table: 'readwrite',
      oidc: true,
      links: true,
    },
    {
      id: 'SignOut',
      entry: 'functions/platform/sign-in/sign-out.ts',
      description: 'POST /auth/sign-out: ends the session (CSRF checked) and clears its cookies',
      table: 'readwrite',
      oidc: true,
      links: true,
    },
    {
      id: 'ShowSignedOut',
      entry: 'functions/platform/sign-in/show-signed-out.ts',
      description: 'GET /auth/signed-out: the page after sign-out',
      memoryMb: 128,
      environment: {
        unread: { STAGE: 'Every function gets it; a fixed page has no stage to tell apart.' },
      },
    },
    {
      id: 'ShowConsole',
      entry: 'functions/platform/console/show-console.ts',
      description:
        "GET /console: the console's home (who is signed in, their role and units, sign-out)",
      // The CSRF cookie's name: `__Host-` on https.
      links: true,
      memoryMb: 256,
      environment: {
        unread: { STAGE: 'Every function gets it; the page has no stage to tell apart.' },
      },
    },
    {
      id: 'ListBusinessUnits',
      entry: 'functions/platform/business-units/list-business-units.ts',
      description: 'GET /v1/business-units: every registered business unit',
      table: 'read',
    },
    {
      id: 'GetBusinessUnit',
      entry: 'functions/platform/business-units/get-business-unit.ts',
      description: 'GET /v1/business-units/{id}: one business unit',
      table: 'read',
    },
    {
      id: 'CreateBusinessUnit',
      entry: 'functions/platform/business-units/create-business-unit.ts',
      description: 'POST /v1/business-units: registers a business unit with its aliases',
      table: 'readwrite',
      // The audit record of the change, kept audit.retentionDays.
      settings: true,
    },
    {
      id: 'UpdateBusinessUnit',
      entry: 'functions/platform/business-units/update-business-unit.ts',
      description:
        "PATCH /v1/business-units/{id}: changes a unit's names, key customers, quality owner or active flag",
      table: 'readwrite',
      // The audit record of the change, kept audit.retentionDays.
      settings: true,
    },
    {
      id: 'DeactivateBusinessUnit',
      entry: 'functions/platform/business-units/deactivate-business-unit.ts',
      description: 'POST /v1/business-units/{id}/deactivate: marks a unit inactive',
      table: 'readwrite',
      // The audit record of the change, kept audit.retentionDays.
      settings: true,
    },
    {
      id: 'AddUnitAlias',
      entry: 'functions/platform/business-units/add-unit-alias.ts',
      description:
        'POST /v1/business-units/{id}/aliases: adds an alias and re-attributes what was unassigned under it',
      table: 'readwrite',
      // Re-attribution moves pages for up to 20 s (unit-alias.service.ts), then answers.
      timeoutSeconds: 30,
      // The audit record of the change, kept audit.retentionDays.
      settings: true,
    },
    {
      id: 'RemoveUnitAlias',
      entry: 'functions/platform/business-units/remove-unit-alias.ts',
      description: 'DELETE /v1/business-units/{id}/aliases/{source}/{value}: removes an alias',
      table: 'readwrite',
      // The audit record of the change, kept audit.retentionDays.
      settings: true,
    },
    {
      id: 'ListUnassignedUnits',
      entry: 'functions/platform/business-units/list-unassigned.ts',
      description: 'GET /v1/business-units/unassigned: the business-unit values no alias matched',
      table: 'read',
    },
  ],
  routes: [
    { method: 'GET', path: '/health', functionId: 'GetHealth', auth: 'public' },
    // Public: the document holds no data (get-openapi.ts says why).
    { method: 'GET', path: '/openapi.json', functionId: 'GetOpenApi', auth: 'public' },
    { method: 'GET', path: '/v1/audit', functionId: 'ListAuditRecords', auth: 'admin' },
    // Sign-in (docs/sign-in.md): public, since they are how one gets a session.
    { method: 'GET', path: '/auth/sign-in', functionId: 'StartSignIn', auth: 'public' },
    { method: 'GET', path: '/auth/callback', functionId: 'CompleteSignIn', auth: 'public' },
    { method: 'POST', path: '/auth/sign-out', functionId: 'SignOut', auth: 'public' },
    { method: 'GET', path: '/auth/signed-out', functionId: 'ShowSignedOut', auth: 'public' },
    // A page for people: the authorizer lets it through unsigned, and it sends them to sign in.
    { method: 'GET', path: '/console', functionId: 'ShowConsole', auth: 'admin' },
    // The business-unit registry (docs/business-units.md).
    { method: 'GET', path: '/v1/business-units', functionId: 'ListBusinessUnits', auth: 'admin' },
    {
      method: 'GET',
      path: '/v1/business-units/{id}',
      functionId: 'GetBusinessUnit',
      auth: 'admin',
    },
    { method: 'POST', path: '/v1/business-units', functionId: 'CreateBusinessUnit', auth: 'admin' },
    {
      method: 'PATCH',
      path: '/v1/business-units/{id}',
      functionId: 'UpdateBusinessUnit',
      auth: 'admin',
    },
    {
      method: 'POST',
      path: '/v1/business-units/{id}/deactivate',
      functionId: 'DeactivateBusinessUnit',
      auth: 'admin',
    },
    {
      method: 'POST',
      path: '/v1/business-units/{id}/aliases',
      functionId: 'AddUnitAlias',
      auth: 'admin',
    },
    {
      method: 'DELETE',
      path: '/v1/business-units/{id}/aliases/{source}/{value}',
      functionId: 'RemoveUnitAlias',
      auth: 'admin',
    },
    {
      method: 'GET',
      path: '/v1/business-units/unassigned',
      functionId: 'ListUnassignedUnits',
      auth: 'admin',
    },
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
