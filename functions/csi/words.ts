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
  // The opt-out page: what will happen, before it happens; then where the person stands.
  optOutTitle: 'Отписаться от опросов?',
  /** `address`: masked, «i***@example.com»; undefined when the survey has none. */
  optOutWhat: (address: string | undefined) =>
    address
      ? `Мы перестанем присылать опросы на адрес ${address}.`
      : 'Мы перестанем присылать вам опросы.',
  optOutScope:
    'Это касается всех наших опросов: оценки решённых запросов (CSI) и опросов о том, порекомендуете ли вы нас коллегам (NPS).',
  optOutConfirm: 'Отписаться',
  optOutStay: 'Остаться подписанным',
  optOutStayTitle: 'Вы остаётесь подписаны',
  optOutStayBody: 'Мы ничего не изменили: опросы будут приходить, как раньше. Спасибо!',
  optOutDoneTitle: 'Вы отписаны',
  /** `since`: the time of the opt-out in the installation's zone, if known. */
  optOutDoneBody: (address: string | undefined, since: string | undefined) =>
    `${since ? `С ${since} мы` : 'Мы'} не присылаем опросы${address ? ` на адрес ${address}` : ''}: ни CSI, ни NPS.`,
  optOutBack: 'Передумали? Опросы можно снова получать.',
  resubscribe: 'Снова получать опросы',
  optOutUnknownAction:
    'Не удалось понять, что сделать. Откройте ссылку из письма ещё раз и нажмите кнопку на странице.',
  resubscribedTitle: 'Вы снова подписаны',
  resubscribedBody: (address: string | undefined) =>
    `Опросы снова будут приходить${address ? ` на адрес ${address}` : ''}. Отписаться можно в любой момент по ссылке в письме.`,
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
  optOutTitle: 'Unsubscribe from surveys?',
  optOutWhat: (address) =>
    address ? `We will stop sending surveys to ${address}.` : 'We will stop sending you surveys.',
  optOutScope:
    'This covers all our surveys: rating a resolved request (CSI) and asking whether you would recommend us to colleagues (NPS).',
  optOutConfirm: 'Unsubscribe',
  optOutStay: 'Stay subscribed',
  optOutStayTitle: 'You are still subscribed',
  optOutStayBody: 'Nothing has changed: surveys will keep coming as before. Thank you!',
  optOutDoneTitle: 'You are unsubscribed',
  optOutDoneBody: (address, since) =>
    `${since ? `Since ${since}, we` : 'We'} send no surveys${address ? ` to ${address}` : ''}: neither CSI nor NPS.`,
  optOutBack: 'Changed your mind? You can get surveys again.',
  resubscribe: 'Get surveys again',
  optOutUnknownAction:
    'We could not tell what to do. Please open the link from the mail again and press a button on the page.',
  resubscribedTitle: 'You are subscribed again',
  resubscribedBody: (address) =>
    `Surveys will come${address ? ` to ${address}` : ''} again. You can unsubscribe at any time with the link in the mail.`,
};

export const csiWords: Readonly<Record<Language, typeof ru>> = { ru, en };
