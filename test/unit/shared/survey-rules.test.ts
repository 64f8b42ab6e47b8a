import { describe, expect, it } from 'vitest';
import {
  isLowScore,
  personSuppression,
  surveyClosesAt,
  takesRatings,
} from '#shared/kernel/survey-rules.ts';

const NOW = new Date('2025-03-10T12:00:00.000Z');

describe('Rules: surveys', () => {
  it.each([
    [4, 5, true],
    [5, 5, false],
    [2, 3, true],
    [3, 3, false],
  ])('takes a score of %i as low against a threshold of %i: %s', (score, threshold, low) => {
    // Assess
    expect(isLowScore(score, { followUpThreshold: threshold })).toBe(low);
  });

  it.each([
    ['sent', '2025-03-10T12:00:00.001Z', true],
    ['reminded', '2025-03-11T00:00:00.000Z', true],
    ['rated', '2025-03-11T00:00:00.000Z', true],
    ['sent', '2025-03-10T12:00:00.000Z', false],
    ['sent', undefined, false],
    ['expired', '2025-03-11T00:00:00.000Z', false],
    ['scheduled', '2025-03-11T00:00:00.000Z', false],
  ] as const)('a %s survey closing at %s takes ratings: %s', (status, closesAt, open) => {
    // Assess
    expect(takesRatings({ status, closesAt }, NOW)).toBe(open);
  });

  it('closes a survey after the reminder and the wait after it', () => {
    // Act
    const closesAt = surveyClosesAt(NOW, {
      reminderAfterSeconds: 3 * 86400,
      expireAfterReminderSeconds: 4 * 86400,
    });

    // Assess
    expect(closesAt).toBe('2025-03-17T12:00:00.000Z');
  });

  it('suppresses a person who opted out first, then one whose mail bounced', () => {
    // Assess
    expect(personSuppression(undefined)).toBeUndefined();
    expect(personSuppression({ lastSurveyedAt: 'x' })).toBeUndefined();
    expect(personSuppression({ bouncedAt: 'x' })).toBe('bounced');
    expect(personSuppression({ optedOutAt: 'x', bouncedAt: 'x' })).toBe('opted-out');
  });
});
