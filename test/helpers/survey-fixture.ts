import { surveyKey } from '#shared/data/keys.ts';
import type { Survey } from '#shared/data/survey.ts';

/** Shared test data of the CSI task services (not a test file itself). */
export const TABLE = 'otklik-test';
export const SURVEY_ID = '0123456789abcdef0123456789abcdef';
export const NOW = new Date('2024-03-01T10:00:00.000Z');
export const REQUESTER = 'anna@example.com';

/** A stored survey item (keys included), valid for surveySchema. */
export const surveyItem = (overrides: Partial<Survey> = {}) => ({
  ...surveyKey(overrides.surveyId ?? SURVEY_ID),
  surveyId: SURVEY_ID,
  source: 'generic',
  ticketId: 'T-1001',
  ticketNumber: 'SR-1001',
  title: 'VPN access',
  requesterEmail: REQUESTER,
  requesterName: 'Anna',
  locale: 'en' as const,
  businessUnit: { id: 'bu-fin', name: 'Finance' },
  service: { id: 'svc-it', name: 'IT support' },
  category: { id: 'cat-access', name: 'Access' },
  agentEmail: 'boris@example.com',
  resolvedAt: '2024-03-01T09:00:00.000Z',
  status: 'scheduled' as const,
  createdAt: '2024-03-01T09:00:05.000Z',
  updatedAt: '2024-03-01T09:00:05.000Z',
  aggregateDay: '2024-03-01',
  aggregateDimension: 'bu-fin#svc-it',
  ...overrides,
});
