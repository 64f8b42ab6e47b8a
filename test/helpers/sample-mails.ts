import { renderSurveyEmail } from '#functions/csi/mail/survey-email.ts';
import {
  renderCaseOwnerEmail,
  renderClosingEmail,
} from '#functions/follow-up/mail/follow-up-emails.ts';
import type { RenderedMail } from '#shared/mail/mail-frame.ts';
import {
  CASE_URL,
  DEFAULT_SETTINGS,
  caseMailSettings,
  followUpCase,
  surveyMailInput,
} from './mail-fixtures.ts';

/**
 * One of each mail as a person gets it, with the default (Russian) branding: for the
 * Chromium checks (test/integration/mail-in-chromium.test.ts) and the screenshots
 * (npm run screenshots, docs/screenshots/).
 */
export const SAMPLE_MAILS: readonly { readonly name: string; readonly mail: RenderedMail }[] = [
  {
    name: 'mail-invitation-ru',
    mail: renderSurveyEmail(
      surveyMailInput({
        language: 'ru',
        requesterName: 'Анна Петрова',
        title: 'Исправить расчёт отпускных за ноябрь',
      })
    ),
  },
  {
    name: 'mail-reminder-en',
    mail: renderSurveyEmail(surveyMailInput({ language: 'en', kind: 'reminder' })),
  },
  {
    name: 'mail-case-owner-ru',
    mail: renderCaseOwnerEmail(
      followUpCase({ locale: 'en', openingScore: 1 }),
      CASE_URL,
      'owner',
      caseMailSettings()
    ),
  },
  {
    name: 'mail-escalation-ru',
    mail: renderCaseOwnerEmail(followUpCase(), CASE_URL, 'escalation', caseMailSettings()),
  },
  {
    name: 'mail-closing-ru',
    mail: renderClosingEmail(
      followUpCase({
        locale: 'ru',
        requesterName: 'Анна Петрова',
        title: 'Исправить расчёт отпускных за ноябрь',
        messageToRequester:
          'Мы проверили расчёт и доплатили разницу.\nТеперь такие запросы проверяет второй специалист.',
        correctiveAction: 'Internal: add a second check',
      }),
      DEFAULT_SETTINGS.branding
    ),
  },
];
