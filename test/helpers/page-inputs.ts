import type { CasePageInput } from '#functions/follow-up/pages/case-page.ts';

/** A case page's input with nothing in it but what it needs (not a test file itself). */
export const casePageInput = (overrides: Partial<CasePageInput> = {}): CasePageInput => ({
  language: 'en',
  ticketNumber: 'INC-1001',
  score: 2,
  comment: '',
  reasons: [],
  dueAt: '2025-03-12T12:00:00.000Z',
  status: 'open',
  ...overrides,
});
