import type { Language } from '../kernel/language.ts';
import type { Reason } from '../kernel/reasons.ts';

/**
 * The words more than one context shows (the ticket line, the greeting of a mail, the names
 * of the reasons of a rating) and those of the error pages every page handler serves.
 * Russian first; English must have the same keys (`typeof ru`).
 */
const ru = {
  appName: 'Отклик',
  ticket: 'Запрос',
  greeting: (name: string | undefined) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
  reasons: {
    speed: 'Скорость',
    quality: 'Качество результата',
    communication: 'Общение',
    rules: 'Правила и регламенты',
    'business-unit-side': 'Причина на стороне подразделения',
    other: 'Другое',
  } satisfies Record<Reason, string>,
  notFoundTitle: 'Ссылка не найдена',
  notFoundBody: 'Проверьте, что ссылка скопирована полностью.',
  goneTitle: 'Опрос завершён',
  goneBody: 'Срок этого опроса истёк или он отменён. Спасибо!',
  badRequestTitle: 'Проверьте ответ',
  busyTitle: 'Попробуйте ещё раз',
  busyBody:
    'Ответ не сохранён: в тот же момент пришли другие ответы по этой ссылке. Отправьте его ещё раз через несколько секунд.',
  errorTitle: 'Что-то пошло не так',
  errorBody: 'Попробуйте ещё раз через минуту.',
};

const en: typeof ru = {
  appName: 'Otklik',
  ticket: 'Request',
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  reasons: {
    speed: 'Speed',
    quality: 'Quality of the result',
    communication: 'Communication',
    rules: 'Rules and policy',
    'business-unit-side': "Cause on the business unit's side",
    other: 'Other',
  },
  notFoundTitle: 'Link not found',
  notFoundBody: 'Please check that the whole link was copied.',
  goneTitle: 'This survey has closed',
  goneBody: 'This survey has expired or was cancelled. Thank you!',
  badRequestTitle: 'Please check your answer',
  busyTitle: 'Please try again',
  busyBody:
    'Your answer was not saved: other answers from this link arrived at the same moment. Please send it again in a few seconds.',
  errorTitle: 'Something went wrong',
  errorBody: 'Please try again in a minute.',
};

export const sharedWords: Readonly<Record<Language, typeof ru>> = { ru, en };
