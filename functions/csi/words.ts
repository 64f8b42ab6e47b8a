import type { Language } from '#shared/kernel/language.ts';

/**
 * The words of the survey: the invitation and reminder mail, the rating and thank-you pages,
 * the opt-out pages. Russian first; English must have the same keys (`typeof ru`).
 */
const ru = {
  scoreLabels: ['Очень плохо', 'Плохо', 'Нормально', 'Хорошо', 'Отлично'],
  inviteSubject: (ticket: string) => `Оцените, как мы решили ваш запрос ${ticket}`,
  reminderSubject: (ticket: string) => `Напоминание: оцените решение запроса ${ticket}`,
  inviteBody:
    'Ваш запрос решён. Насколько вы довольны тем, как мы его выполнили? Выберите оценку — это одно нажатие.',
  reminderBody:
    'Несколько дней назад мы решили ваш запрос. Будем благодарны за оценку — это одно нажатие.',
  inviteFooter: 'Любая оценка ниже «5» обязательно разбирается службой качества.',
  unsubscribe: 'Не хочу получать опросы',
  ratingTitle: 'Оценка запроса',
  yourScore: 'Ваша оценка',
  reasonsLegend: 'Что можно улучшить? (необязательно)',
  comment: 'Комментарий (необязательно)',
  submit: 'Отправить оценку',
  thanksTitle: 'Спасибо за оценку!',
  thanksBody: 'Ваш ответ сохранён.',
  thanksLow: 'Мы разберём, что пошло не так, и вернёмся к вам.',
  changeHint: 'Если передумаете, можно изменить оценку по той же ссылке до окончания опроса.',
  optOutTitle: 'Отписаться от опросов',
  optOutBody: 'Вы больше не будете получать опросы о качестве обслуживания.',
  optOutConfirm: 'Отписаться',
  optOutDoneTitle: 'Вы отписаны',
  optOutDoneBody: 'Опросы больше не будут приходить на этот адрес.',
};

const en: typeof ru = {
  scoreLabels: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
  inviteSubject: (ticket) => `How did we do with your request ${ticket}?`,
  reminderSubject: (ticket) => `Reminder: rate how we handled request ${ticket}`,
  inviteBody:
    'Your request has been resolved. How satisfied are you with how we handled it? One click is enough.',
  reminderBody:
    'A few days ago we resolved your request. We would be grateful for your rating — one click is enough.',
  inviteFooter: 'Every score below 5 is looked into by our quality team.',
  unsubscribe: 'Stop sending me surveys',
  ratingTitle: 'Rate your request',
  yourScore: 'Your score',
  reasonsLegend: 'What could we improve? (optional)',
  comment: 'Comment (optional)',
  submit: 'Send rating',
  thanksTitle: 'Thank you for your rating!',
  thanksBody: 'Your answer has been saved.',
  thanksLow: 'We will look into what went wrong and get back to you.',
  changeHint:
    'If you change your mind, you can change your rating with the same link until the survey closes.',
  optOutTitle: 'Unsubscribe from surveys',
  optOutBody: 'You will no longer receive service quality surveys.',
  optOutConfirm: 'Unsubscribe',
  optOutDoneTitle: 'You are unsubscribed',
  optOutDoneBody: 'Surveys will no longer be sent to this address.',
};

export const csiWords: Readonly<Record<Language, typeof ru>> = { ru, en };
