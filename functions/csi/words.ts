import type { Language } from '#shared/kernel/language.ts';
import type { RatingSettings } from '#shared/settings/rating-settings.ts';

type Policy = RatingSettings['policy'];

/**
 * The words of the survey: the invitation and reminder mail (their copy says what a click
 * does today: it opens the rating page, where the score is confirmed), the rating and thank-you pages,
 * the opt-out pages. Russian first; English must have the same keys (`typeof ru`).
 */
const ru = {
  scoreLabels: ['Очень плохо', 'Плохо', 'Нормально', 'Хорошо', 'Отлично'],
  inviteSubject: (ticket: string) => `Оцените, как мы решили ваш запрос ${ticket}`,
  reminderSubject: (ticket: string) => `Напоминание: оцените решение запроса ${ticket}`,
  inviteIntro: 'Ваш запрос решён. Нам важно знать, как вы оцениваете нашу работу.',
  /** `ago`: Intl.RelativeTimeFormat's "3 дня назад" (functions/shared/mail/mail-time.ts). */
  reminderIntro: (ago: string) =>
    `Мы писали вам ${ago} и просили оценить, как решён ваш запрос. Будем благодарны за ответ.`,
  question: 'Насколько вы довольны тем, как мы выполнили запрос?',
  // What a click does under the installation's policy (docs/rating.md): under `balanced` a
  // person's click counts even if the page is closed; under `strict` only the page's button.
  howTo: (policy: Policy): string =>
    policy === 'balanced'
      ? 'Выберите оценку — мы её учтём, даже если вы сразу закроете страницу; на открывшейся странице можно добавить комментарий.'
      : 'Выберите оценку — на открывшейся странице подтвердите её и, если хотите, добавьте комментарий.',
  scoreButton: (score: number, label: string) => `Оценка ${score} из 5: ${label.toLowerCase()}`,
  scaleLegend: (labels: readonly string[]) =>
    labels.map((label, i) => `${i + 1} — ${label.toLowerCase()}`).join(', '),
  /** Scores below the follow-up threshold open a case (none when the threshold is 1). */
  followUpNote: (threshold: number) =>
    threshold > 1 ? `Каждую оценку ниже ${threshold} разбирает служба качества.` : '',
  unsubscribe: 'Не хочу получать опросы',
  ratingTitle: 'Оценка запроса',
  yourScore: 'Ваша оценка',
  reasonsLegend: 'Что можно улучшить? (необязательно)',
  comment: 'Комментарий (необязательно)',
  submit: 'Отправить оценку',
  /** On the page a click opened (balanced): what happens if the person just leaves. */
  clickedNote: (score: number) =>
    `Вы выбрали оценку ${score}. Если закроете страницу, мы учтём её; кнопка ниже подтвердит её сразу.`,
  openUntil: (when: string) => `Оценку можно изменить до ${when}.`,
  recordedNotice: (score: number) => `Ваша оценка ${score} учтена.`,
  recordedAt: (when: string) => `Вы оценили запрос ${when}.`,
  recordedTitle: 'Оценка учтена',
  surveyClosed: 'Опрос завершён. Спасибо, что ответили!',
  fieldErrors: {
    score: 'Выберите оценку от 1 до 5.',
    comment: 'Комментарий слишком длинный: не больше 2000 знаков.',
    reasons: 'Выберите причины из списка.',
  },
  fieldLabels: { score: 'Оценка', comment: 'Комментарий', reasons: 'Что можно улучшить' },
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
  inviteIntro: 'Your request has been resolved. We would like to know how we did.',
  reminderIntro: (ago) =>
    `We wrote to you ${ago} to ask how we handled your request. Your answer would help us.`,
  question: 'How satisfied are you with how we handled it?',
  howTo: (policy) =>
    policy === 'balanced'
      ? 'Choose a score — we count it even if you close the page straight away; you can add a comment on the page that opens.'
      : 'Choose a score, then confirm it on the page that opens; you can add a comment there if you like.',
  scoreButton: (score, label) => `Score ${score} of 5: ${label.toLowerCase()}`,
  scaleLegend: (labels) => labels.map((label, i) => `${i + 1} — ${label.toLowerCase()}`).join(', '),
  followUpNote: (threshold) =>
    threshold > 1 ? `Our quality team looks into every score below ${threshold}.` : '',
  unsubscribe: 'Stop sending me surveys',
  ratingTitle: 'Rate your request',
  yourScore: 'Your score',
  reasonsLegend: 'What could we improve? (optional)',
  comment: 'Comment (optional)',
  submit: 'Send rating',
  clickedNote: (score) =>
    `You chose ${score}. If you close this page, we will count it; the button below confirms it at once.`,
  openUntil: (when) => `You can change it until ${when}.`,
  recordedNotice: (score) => `Your rating ${score} has been recorded.`,
  recordedAt: (when) => `You rated this request on ${when}.`,
  recordedTitle: 'Rating recorded',
  surveyClosed: 'The survey has closed. Thank you for answering!',
  fieldErrors: {
    score: 'Choose a score from 1 to 5.',
    comment: 'The comment is too long: 2,000 characters at most.',
    reasons: 'Choose the reasons from the list.',
  },
  fieldLabels: { score: 'Score', comment: 'Comment', reasons: 'What could we improve' },
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
