import type { ContextDefinitions } from './context-definitions.ts';

/** Reporting (functions/reporting/): CSI figures for the admin API. */
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
  ],
  routes: [{ method: 'GET', path: '/v1/metrics/csi', functionId: 'GetCsiMetrics', auth: 'admin' }],
  workflows: [],
  schedules: [],
} as const satisfies ContextDefinitions;
