import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { EmailRejectedError } from '#shared/mail/send-mail.ts';
import { logger } from '#shared/powertools.ts';
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { context } from '#test/helpers/http-event.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Middleware: taskHandler', () => {
  it("logs a failed task's error name at WARN, never its message, and rethrows it for the state machine", async () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const failure = new EmailRejectedError('Email address is not verified: anna@example.com');
    const handler = taskHandler(z.object({ surveyId: z.string() }), () => Promise.reject(failure));

    // Act
    const outcome = handler({ surveyId: 's-1' }, context);

    // Assess
    await expect(outcome).rejects.toBe(failure);
    expect(warn).toHaveBeenCalledWith('task failed', { error: 'EmailRejectedError' });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('anna@example.com');
  });

  it('logs nothing at WARN when the task succeeds', async () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const handler = taskHandler(z.object({ surveyId: z.string() }), (input) =>
      Promise.resolve({ id: input.surveyId })
    );

    // Act
    const result = await handler({ surveyId: 's-1' }, context);

    // Assess
    expect(result).toEqual({ id: 's-1' });
    expect(warn).not.toHaveBeenCalled();
  });
});
