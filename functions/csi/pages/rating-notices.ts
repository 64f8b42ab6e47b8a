import type { Survey } from '#shared/data/survey.ts';
import type { RatingSettings } from '#shared/settings/rating-settings.ts';
import { csiWords } from '../words.ts';

/**
 * The lines above the rating form: a confirmed rating recorded ("Ваша оценка 4 учтена"),
 * what the click just made does under `balanced` (counted if the page is closed), and until
 * when the rating may change (`when` formats in the installation's time zone).
 */
export const ratingNotices = (
  survey: Survey,
  clicked: number | undefined,
  policy: RatingSettings['policy'],
  when: (iso: string) => string
): string[] => {
  const t = csiWords[survey.locale];
  const confirmed = survey.status === 'rated' && survey.ratingKind !== 'inferred';
  return [
    confirmed && survey.score !== undefined ? t.recordedNotice(survey.score) : '',
    !confirmed && clicked !== undefined && policy === 'balanced' ? t.clickedNote(clicked) : '',
    survey.closesAt ? t.openUntil(when(survey.closesAt)) : '',
  ].filter((line) => line !== '');
};
