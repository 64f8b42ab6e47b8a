import { describe, expect, it } from 'vitest';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { csiTimers } from '#shared/settings/survey-settings.ts';

describe('Function: csiTimers', () => {
  it('turns the default durations into seconds', () => {
    // Act
    const timers = csiTimers(parseCsiSettings(undefined));

    // Assess
    expect(timers).toEqual({
      sendDelaySeconds: 600,
      reminderAfterSeconds: 3 * 86400,
      expireAfterReminderSeconds: 4 * 86400,
      followUpThreshold: 5,
    });
  });

  it('keeps callback timeouts at 1 s at least but allows no send delay', () => {
    // Act
    const timers = csiTimers(
      parseCsiSettings(
        JSON.stringify({ sendDelay: 'PT0S', reminderAfter: 'PT0S', expireAfterReminder: 'PT0S' })
      )
    );

    // Assess
    expect(timers).toMatchObject({
      sendDelaySeconds: 0,
      reminderAfterSeconds: 1,
      expireAfterReminderSeconds: 1,
    });
  });
});
