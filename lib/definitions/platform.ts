import type { ContextDefinitions } from './context-definitions.ts';

/** The health check answers within HEALTH_TIMEOUT_MS per component (default 2000). */
const healthEnvironment = { optional: ['HEALTH_TIMEOUT_MS'] } as const;

/**
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
    },
    {
      id: 'UpdateBusinessUnit',
      entry: 'functions/platform/business-units/update-business-unit.ts',
      description:
        "PATCH /v1/business-units/{id}: changes a unit's names, key customers, quality owner or active flag",
      table: 'readwrite',
    },
    {
      id: 'DeactivateBusinessUnit',
      entry: 'functions/platform/business-units/deactivate-business-unit.ts',
      description: 'POST /v1/business-units/{id}/deactivate: marks a unit inactive',
      table: 'readwrite',
    },
    {
      id: 'AddUnitAlias',
      entry: 'functions/platform/business-units/add-unit-alias.ts',
      description:
        'POST /v1/business-units/{id}/aliases: adds an alias and re-attributes what was unassigned under it',
      table: 'readwrite',
      // Re-attribution moves pages for up to 20 s (unit-alias.service.ts), then answers.
      timeoutSeconds: 30,
    },
    {
      id: 'RemoveUnitAlias',
      entry: 'functions/platform/business-units/remove-unit-alias.ts',
      description: 'DELETE /v1/business-units/{id}/aliases/{source}/{value}: removes an alias',
      table: 'readwrite',
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
