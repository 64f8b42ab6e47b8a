import type { Language } from '#shared/kernel/language.ts';

/**
 * The words of a follow-up case: its page, the owner's and the escalation mail (in the
 * SSC's language), the requester's closing mail (in the requester's), the names of the root causes. Russian first; English must have
 * the same keys (`typeof ru`).
 */
const ru = {
  caseScore: 'Оценка',
  caseComment: 'Комментарий',
  caseReasons: 'Причины',
  caseRequester: 'Автор запроса',
  caseDue: 'Срок разбора',
  caseScoreChangedFrom: (opening: number) => `изменена, при открытии была ${opening}`,
  caseLifted: 'Автор запроса изменил оценку: она теперь не ниже порога разбора.',
  closingScore: (score: number) => `Ваша оценка: ${score}.`,
  caseOwnerSubject: (ticket: string, score: number) =>
    `Разбор оценки ${score} по запросу ${ticket}`,
  caseOwnerBody:
    'Поступила низкая оценка. Разберите причину и запишите корректирующее действие до срока.',
  caseDuePassed: 'Срок разбора истёк',
  caseService: 'Услуга',
  caseBusinessUnit: 'Подразделение',
  caseTeam: 'Команда',
  caseOpen: 'Открыть разбор',
  caseLinkNote: 'Ссылка на разбор личная: не пересылайте это письмо.',
  escalationSubject: (ticket: string) => `Просрочен разбор оценки по запросу ${ticket}`,
  escalationBody: (owner: string) => `Разбор не закрыт в срок. Ответственный: ${owner}.`,
  closingSubject: (ticket: string) => `Что мы сделали по вашему отзыву о запросе ${ticket}`,
  closingBody: 'Спасибо за честную оценку. Мы разобрали ваш запрос, и вот наш ответ:',
  /** When the owner left no message for the requester: nothing internal is sent instead. */
  closingNoMessage:
    'Спасибо за честную оценку. Мы разобрали ваш запрос: причина найдена, меры по ней записаны.',
};

const en: typeof ru = {
  caseScore: 'Score',
  caseComment: 'Comment',
  caseReasons: 'Reasons',
  caseRequester: 'Requester',
  caseDue: 'Due',
  caseScoreChangedFrom: (opening) => `changed, ${opening} when the case opened`,
  caseLifted: 'The requester changed the rating: it is now at or above the follow-up threshold.',
  closingScore: (score) => `Your rating: ${score}.`,
  caseOwnerSubject: (ticket, score) => `Follow up a score of ${score} on request ${ticket}`,
  caseOwnerBody:
    'A low score came in. Find the root cause and record the corrective action in time.',
  caseDuePassed: 'Was due',
  caseService: 'Service',
  caseBusinessUnit: 'Business unit',
  caseTeam: 'Team',
  caseOpen: 'Open the case',
  caseLinkNote: 'The link to the case is yours alone: please do not forward this mail.',
  escalationSubject: (ticket) => `Overdue follow-up on request ${ticket}`,
  escalationBody: (owner) => `The case was not resolved in time. Owner: ${owner}.`,
  closingSubject: (ticket) => `What we did about your feedback on request ${ticket}`,
  closingBody: 'Thank you for your honest rating. We looked into your request; here is our answer:',
  closingNoMessage:
    'Thank you for your honest rating. We looked into your request: the cause is found and the steps against it are recorded.',
};

export const followUpWords: Readonly<Record<Language, typeof ru>> = { ru, en };
