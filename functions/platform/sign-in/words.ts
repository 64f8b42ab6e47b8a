import type { Role } from '#shared/kernel/access-rules.ts';
import type { Language } from '#shared/kernel/language.ts';

/** The words of the sign-in pages and the console. Russian first; English has the same keys. */
const ru = {
  signedOutTitle: 'Вы вышли',
  signedOutBody: 'Сеанс завершён. Чтобы продолжить работу, войдите снова.',
  signInAgain: 'Войти',
  failedTitle: 'Не удалось войти',
  failedBody: 'Вход не завершён: ссылка устарела или уже использована. Начните вход заново.',
  badReturnToTitle: 'Неверная ссылка для входа',
  badReturnToBody: 'Ссылка ведёт за пределы этого сайта, поэтому вход по ней не выполняется.',
  noRoleTitle: 'Нет доступа',
  noRoleBody:
    'Ваша учётная запись не состоит ни в одной группе доступа Отклика. Обратитесь к администратору.',
  refusedTitle: 'Действие не выполнено',
  refusedBody:
    'Форма устарела или отправлена не со страницы Отклика. Откройте страницу заново и повторите.',
  forbiddenTitle: 'Нет доступа',
  forbiddenBody:
    'Эта страница не входит в права вашей роли. Если доступ нужен, обратитесь к администратору Отклика.',
  errorTitle: 'Что-то пошло не так',
  errorBody: 'Попробуйте ещё раз через минуту.',
  consoleTitle: 'Консоль Отклика',
  signedInAs: 'Вы вошли как',
  name: 'Имя',
  email: 'Почта',
  role: 'Роль',
  units: 'Подразделения',
  allUnits: 'Все подразделения',
  noUnits: 'Не назначены',
  signOut: 'Выйти',
  csiHeading: 'Индекс удовлетворённости',
  csiLink: 'CSI по подразделениям за квартал',
  csiNotForRole: 'Ваша роль видит свои обращения, без показателей подразделений.',
  roles: {
    admin: 'Администратор',
    'quality-manager': 'Менеджер по качеству',
    'unit-viewer': 'Представитель подразделения',
    'case-owner': 'Ответственный за обращения',
  } satisfies Record<Role, string>,
};

const en: typeof ru = {
  signedOutTitle: 'You are signed out',
  signedOutBody: 'Your session has ended. Sign in again to go on.',
  signInAgain: 'Sign in',
  failedTitle: 'Sign-in failed',
  failedBody:
    'Sign-in did not finish: the link has expired or was used already. Please start again.',
  badReturnToTitle: 'Invalid sign-in link',
  badReturnToBody: 'The link leads away from this site, so it is not used to sign in.',
  noRoleTitle: 'No access',
  noRoleBody:
    'Your account is in none of the access groups of Otklik. Please ask your administrator.',
  refusedTitle: 'Not done',
  refusedBody:
    'The form has expired or was not sent from an Otklik page. Please open the page again and retry.',
  forbiddenTitle: 'No access',
  forbiddenBody:
    'This page is not part of what your role may see. If you need it, ask your Otklik administrator.',
  errorTitle: 'Something went wrong',
  errorBody: 'Please try again in a minute.',
  consoleTitle: 'Otklik console',
  signedInAs: 'Signed in as',
  name: 'Name',
  email: 'E-mail',
  role: 'Role',
  units: 'Business units',
  allUnits: 'All business units',
  noUnits: 'None assigned',
  signOut: 'Sign out',
  csiHeading: 'Customer satisfaction',
  csiLink: 'CSI by business unit this quarter',
  csiNotForRole: 'Your role sees its cases, not the figures of the business units.',
  roles: {
    admin: 'Administrator',
    'quality-manager': 'Quality manager',
    'unit-viewer': 'Business-unit viewer',
    'case-owner': 'Case owner',
  },
};

export const signInWords: Readonly<Record<Language, typeof ru>> = { ru, en };
