import { aggregateStore } from './aggregate-store.ts';
import { auditStore } from './audit-store.ts';
import { businessUnitStore } from './business-unit-store.ts';
import { caseEventStore } from './case-event-store.ts';
import { clickStore } from './click-store.ts';
import { deliveryStore } from './delivery-store.ts';
import { followUpStore } from './follow-up-store.ts';
import type { Table } from './item-store.ts';
import { mailReceiptStore } from './mail-receipt-store.ts';
import { personStore } from './person-store.ts';
import { probeStore } from './probe-store.ts';
import { responseStore } from './response-store.ts';
import { sessionStore, signInStateStore } from './session-store.ts';
import { surveyStore } from './survey-store.ts';
import { ticketSurveyPages } from './ticket-survey-pages.ts';
import { tokenStore } from './token-store.ts';
import { attemptTransactor, transactor } from './transact.ts';
import { unassignedValueStore } from './unassigned-value-store.ts';
import { unitAttributionStore } from './unit-attribution-store.ts';

/**
 * Every entity store over one table, and the transaction that writes their parts
 * together. Use cases declare the few they use (`Pick<DataStores, 'surveys' | …>`).
 */
export const dataStores = (table: Table) => ({
  surveys: surveyStore(table),
  ticketSurveyPages: ticketSurveyPages(table),
  clicks: clickStore(table),
  responses: responseStore(table),
  followUps: followUpStore(table),
  caseEvents: caseEventStore(table),
  persons: personStore(table),
  aggregates: aggregateStore(table),
  deliveries: deliveryStore(table),
  tokens: tokenStore(table),
  probes: probeStore(table),
  mailReceipts: mailReceiptStore(table),
  audit: auditStore(table),
  sessions: sessionStore(table),
  signInStates: signInStateStore(table),
  businessUnits: businessUnitStore(table),
  unassignedValues: unassignedValueStore(table),
  unitAttribution: unitAttributionStore(table),
  transact: transactor(table),
  attemptTransact: attemptTransactor(table),
});
export type DataStores = ReturnType<typeof dataStores>;
