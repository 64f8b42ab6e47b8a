/**
 * The words of every mail and page, in Russian and English. A locale such as `ru-RU`
 * or `en-GB` maps to its language; anything else falls back to the default.
 */
export type Language = 'ru' | 'en';

export const languageOf = (locale: string | undefined | null, fallback: Language): Language => {
  const lang = locale?.slice(0, 2).toLowerCase();
  return lang === 'ru' || lang === 'en' ? lang : fallback;
};

export const REASONS = [
  'speed',
  'quality',
  'communication',
  'rules',
  'business-unit-side',
  'other',
] as const;
export type Reason = (typeof REASONS)[number];

export const ROOT_CAUSES = [
  'process',
  'skills',
  'system',
  'rules-policy',
  'communication',
  'business-unit-side',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

const ru = {
  appName: 'Отклик',
  scoreLabels: ['Очень плохо', 'Плохо', 'Нормально', 'Хорошо', 'Отлично'],
  inviteSubject: (ticket: string) => `Оцените, как мы решили ваш запрос ${ticket}`,
  reminderSubject: (ticket: string) => `Напоминание: оцените решение запроса ${ticket}`,
  inviteGreeting: (name: string | undefined) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
  inviteBody:
    'Ваш запрос решён. Насколько вы довольны тем, как мы его выполнили? Выберите оценку — это одно нажатие.',
  reminderBody:
    'Несколько дней назад мы решили ваш запрос. Будем благодарны за оценку — это одно нажатие.',
  inviteFooter: 'Любая оценка ниже «5» обязательно разбирается службой качества.',
  unsubscribe: 'Не хочу получать опросы',
  ticket: 'Запрос',
  ratingTitle: 'Оценка запроса',
  yourScore: 'Ваша оценка',
  reasonsLegend: 'Что можно улучшить? (необязательно)',
  reasons: {
    speed: 'Скорость',
    quality: 'Качество результата',
    communication: 'Общение',
    rules: 'Правила и регламенты',
    'business-unit-side': 'Причина на стороне подразделения',
    other: 'Другое',
  } satisfies Record<Reason, string>,
  comment: 'Комментарий (необязательно)',
  submit: 'Отправить оценку',
  thanksTitle: 'Спасибо за оценку!',
  thanksBody: 'Ваш ответ сохранён.',
  thanksLow: 'Мы разберём, что пошло не так, и вернёмся к вам.',
  changeHint: 'Если передумаете, можно изменить оценку по той же ссылке до окончания опроса.',
  notFoundTitle: 'Ссылка не найдена',
  notFoundBody: 'Проверьте, что ссылка скопирована полностью.',
  goneTitle: 'Опрос завершён',
  goneBody: 'Срок этого опроса истёк или он отменён. Спасибо!',
  badRequestTitle: 'Проверьте ответ',
  optOutTitle: 'Отписаться от опросов',
  optOutBody: 'Вы больше не будете получать опросы о качестве обслуживания.',
  optOutConfirm: 'Отписаться',
  optOutDoneTitle: 'Вы отписаны',
  optOutDoneBody: 'Опросы больше не будут приходить на этот адрес.',
  errorTitle: 'Что-то пошло не так',
  errorBody: 'Попробуйте ещё раз через минуту.',
  caseTitle: 'Разбор оценки',
  caseScore: 'Оценка',
  caseComment: 'Комментарий',
  caseReasons: 'Причины',
  caseRequester: 'Автор запроса',
  caseDue: 'Срок разбора',
  rootCause: 'Корневая причина',
  rootCauses: {
    process: 'Процесс',
    skills: 'Знания и навыки',
    system: 'Система или инструмент',
    'rules-policy': 'Правила и регламенты',
    communication: 'Коммуникация',
    'business-unit-side': 'На стороне подразделения',
    other: 'Другое',
  } satisfies Record<RootCause, string>,
  correctiveAction: 'Корректирующее действие',
  notifyRequester: 'Сообщить автору запроса, что сделано',
  messageToRequester: 'Сообщение автору',
  resolveCase: 'Закрыть разбор',
  caseResolvedTitle: 'Разбор закрыт',
  caseResolvedBody: 'Спасибо! Причина и действие записаны.',
  caseOwnerSubject: (ticket: string, score: number) =>
    `Разбор оценки ${score} по запросу ${ticket}`,
  caseOwnerBody:
    'Поступила оценка ниже «5». Разберите причину и запишите корректирующее действие до срока:',
  caseOpen: 'Открыть разбор',
  escalationSubject: (ticket: string) => `Просрочен разбор оценки по запросу ${ticket}`,
  escalationBody: (owner: string) => `Разбор не закрыт в срок. Ответственный: ${owner}.`,
  closingSubject: (ticket: string) => `Что мы сделали по вашему отзыву о запросе ${ticket}`,
  closingBody: 'Спасибо за честную оценку. Мы разобрали ваш запрос и вот что сделали:',
};

const en: typeof ru = {
  appName: 'Otklik',
  scoreLabels: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
  inviteSubject: (ticket) => `How did we do with your request ${ticket}?`,
  reminderSubject: (ticket) => `Reminder: rate how we handled request ${ticket}`,
  inviteGreeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  inviteBody:
    'Your request has been resolved. How satisfied are you with how we handled it? One click is enough.',
  reminderBody:
    'A few days ago we resolved your request. We would be grateful for your rating — one click is enough.',
  inviteFooter: 'Every score below 5 is looked into by our quality team.',
  unsubscribe: 'Stop sending me surveys',
  ticket: 'Request',
  ratingTitle: 'Rate your request',
  yourScore: 'Your score',
  reasonsLegend: 'What could we improve? (optional)',
  reasons: {
    speed: 'Speed',
    quality: 'Quality of the result',
    communication: 'Communication',
    rules: 'Rules and policy',
    'business-unit-side': "Cause on the business unit's side",
    other: 'Other',
  },
  comment: 'Comment (optional)',
  submit: 'Send rating',
  thanksTitle: 'Thank you for your rating!',
  thanksBody: 'Your answer has been saved.',
  thanksLow: 'We will look into what went wrong and get back to you.',
  changeHint:
    'If you change your mind, you can change your rating with the same link until the survey closes.',
  notFoundTitle: 'Link not found',
  notFoundBody: 'Please check that the whole link was copied.',
  goneTitle: 'This survey has closed',
  goneBody: 'This survey has expired or was cancelled. Thank you!',
  badRequestTitle: 'Please check your answer',
  optOutTitle: 'Unsubscribe from surveys',
  optOutBody: 'You will no longer receive service quality surveys.',
  optOutConfirm: 'Unsubscribe',
  optOutDoneTitle: 'You are unsubscribed',
  optOutDoneBody: 'Surveys will no longer be sent to this address.',
  errorTitle: 'Something went wrong',
  errorBody: 'Please try again in a minute.',
  caseTitle: 'Low rating follow-up',
  caseScore: 'Score',
  caseComment: 'Comment',
  caseReasons: 'Reasons',
  caseRequester: 'Requester',
  caseDue: 'Due',
  rootCause: 'Root cause',
  rootCauses: {
    process: 'Process',
    skills: 'Knowledge and skills',
    system: 'System or tool',
    'rules-policy': 'Rules and policy',
    communication: 'Communication',
    'business-unit-side': "Business unit's side",
    other: 'Other',
  },
  correctiveAction: 'Corrective action',
  notifyRequester: 'Tell the requester what was done',
  messageToRequester: 'Message to the requester',
  resolveCase: 'Resolve case',
  caseResolvedTitle: 'Case resolved',
  caseResolvedBody: 'Thank you! The root cause and the action are recorded.',
  caseOwnerSubject: (ticket, score) => `Follow up a score of ${score} on request ${ticket}`,
  caseOwnerBody:
    'A score below 5 came in. Find the root cause and record the corrective action by:',
  caseOpen: 'Open the case',
  escalationSubject: (ticket) => `Overdue follow-up on request ${ticket}`,
  escalationBody: (owner) => `The case was not resolved in time. Owner: ${owner}.`,
  closingSubject: (ticket) => `What we did about your feedback on request ${ticket}`,
  closingBody:
    'Thank you for your honest rating. We looked into your request, and this is what we did:',
};

export const dictionaries: Readonly<Record<Language, typeof ru>> = { ru, en };
export type Dictionary = typeof ru;
