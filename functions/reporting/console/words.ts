import type { Language } from '#shared/kernel/language.ts';

/** The words of the console's CSI page, Russian first. */
export const csiPageWords: Record<
  Language,
  {
    title: string;
    period: (from: string, to: string) => string;
    unit: string;
    sent: string;
    rated: string;
    responseRate: string;
    average: string;
    unassigned: string;
    none: string;
    back: string;
    forbiddenTitle: string;
    forbiddenBody: string;
    badPeriodTitle: string;
    badPeriodBody: string;
  }
> = {
  ru: {
    title: 'CSI по подразделениям',
    period: (from, to) => `Период: с ${from} по ${to} (по дате решения обращения).`,
    unit: 'Подразделение',
    sent: 'Опросов отправлено',
    rated: 'Оценок',
    responseRate: 'Доля ответов',
    average: 'CSI (из 5)',
    unassigned: 'Не сопоставлено с подразделением',
    none: '—',
    back: 'На главную консоли',
    forbiddenTitle: 'Нет доступа',
    forbiddenBody: 'Эти цифры не входят в права вашей роли или ваших подразделений.',
    badPeriodTitle: 'Период указан неверно',
    badPeriodBody: 'Укажите даты в виде ГГГГ-ММ-ДД, начало не позже конца.',
  },
  en: {
    title: 'CSI by business unit',
    period: (from, to) => `Period: ${from} to ${to} (by the tickets' resolution day).`,
    unit: 'Business unit',
    sent: 'Surveys sent',
    rated: 'Ratings',
    responseRate: 'Response rate',
    average: 'CSI (of 5)',
    unassigned: 'Not mapped to a business unit',
    none: '—',
    back: 'Console home',
    forbiddenTitle: 'No access',
    forbiddenBody: 'These figures are not part of what your role or your units may see.',
    badPeriodTitle: 'The period is not valid',
    badPeriodBody: 'Give the dates as YYYY-MM-DD, the start no later than the end.',
  },
};
