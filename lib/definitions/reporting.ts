import type { ContextDefinitions } from './context-definitions.ts';

/** Reporting (functions/reporting/): CSI figures for the admin API and the console. */
export const reporting = {
  functions: [
    {
      id: 'GetCsiMetrics',
      entry: 'functions/reporting/api/get-csi-metrics.ts',
      description: 'GET /v1/metrics/csi: CSI for a period from the daily aggregates',
      table: 'read',
      // The rating policy decides what the CSI figure includes.
      settings: true,
    },
    {
      id: 'ShowCsiByUnit',
      entry: 'functions/reporting/console/show-csi-by-unit.ts',
      description: 'GET /console/csi: the console page of CSI per business unit the person may see',
      // The aggregates and the registry's names.
      table: 'read',
      // The rating policy, the SSC's language and time zone.
      settings: true,
    },
  ],
  routes: [
    { method: 'GET', path: '/v1/metrics/csi', functionId: 'GetCsiMetrics', auth: 'admin' },
    // A page for people: the authorizer lets it through unsigned, and it sends them to sign in.
    { method: 'GET', path: '/console/csi', functionId: 'ShowCsiByUnit', auth: 'admin' },
  ],
  workflows: [],
  schedules: [],
} as const satisfies ContextDefinitions;
