import type { ContextDefinitions } from './context-definitions.ts';

/**
 * Deliverability (functions/deliverability/): what SES reports about the mail it took,
 * through the configuration set's events on EventBridge. Today the Send receipts that make
 * a retried send idempotent; bounces and complaints join later (issue 15).
 */
export const deliverability = {
  functions: [
    {
      id: 'RecordMailReceipt',
      entry: 'functions/deliverability/record-mail-receipt.ts',
      description: "SES Send event: records the receipt of the send attempt the mail's tag names",
      table: 'readwrite',
      sesEvents: ['SEND'],
    },
  ],
  routes: [],
  workflows: [],
  schedules: [],
} as const satisfies ContextDefinitions;
