import type { SurveyEmailInput } from '#functions/csi/mail/survey-email.ts';
import type { CaseMailSettings } from '#functions/follow-up/mail/follow-up-emails.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';

/** The default settings: the Russian branding, sscLanguage ru, Europe/Moscow. */
export const DEFAULT_SETTINGS = csiSettingsSchema.parse({});

export const RATING_URL = 'https://csi.example.com/r/AbCdEfGhIjKlMnOpQrStUvWxYz012345';
export const UNSUBSCRIBE_URL = 'https://csi.example.com/u/ZyXwVuTsRqPoNmLkJiHgFeDcBa543210';
export const CASE_URL = 'https://csi.example.com/f/CaSeLiNkToKeN0123456789abcdefghij';
export const MAIL_NOW = new Date('2026-12-04T09:00:00Z');

export const surveyMailInput = (overrides: Partial<SurveyEmailInput> = {}): SurveyEmailInput => ({
  language: 'en',
  kind: 'invitation',
  requesterName: 'Anna',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  ratingUrl: RATING_URL,
  unsubscribeUrl: UNSUBSCRIBE_URL,
  branding: DEFAULT_SETTINGS.branding,
  followUpThreshold: 5,
  ratingPolicy: 'balanced',
  invitedAt: new Date('2026-12-01T09:00:00Z'),
  now: MAIL_NOW,
  ...overrides,
});

export const caseMailSettings = (overrides: Partial<CaseMailSettings> = {}): CaseMailSettings => ({
  branding: DEFAULT_SETTINGS.branding,
  sscLanguage: 'ru',
  timeZone: 'Europe/Moscow',
  ...overrides,
});

export const followUpCase = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  followUpId: 'fu-1',
  surveyId: 'sv-1',
  ticketId: 'tk-1',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  requesterName: 'Anna Smith',
  requesterEmail: 'anna@example.com',
  locale: 'en',
  score: 2,
  comment: 'Nobody answered for three days',
  reasons: ['speed', 'communication'],
  businessUnit: 'bu-1',
  businessUnitRaw: { id: 'bu-1', name: 'Finance' },
  service: { id: 'svc-1', name: 'Payroll' },
  team: { id: 't-1', name: 'Payroll desk' },
  owner: { email: 'owner@example.com', name: 'Olga Owner' },
  escalation: { email: 'lead@example.com', name: 'Lena Lead' },
  status: 'open',
  openedAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  dueAt: '2026-12-03T15:00:00.000Z',
  aggregateDay: '2026-12-01',
  aggregateDimension: 'all',
  ...overrides,
});
