import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSchedulerLocal, type SchedulerLocal } from '#local/scheduler-local.ts';
import { pollUntil } from '#test/helpers/poll.ts';

const started: SchedulerLocal[] = [];

const startScheduler = async (startExecution: (params: { name?: string }) => unknown) => {
  const scheduler = createSchedulerLocal({
    region: 'eu-central-1',
    accountId: '000000000000',
    startExecution,
    log: () => undefined,
  });
  started.push(scheduler);
  await new Promise<void>((resolve) => scheduler.server.listen(0, '127.0.0.1', resolve));
  const address = scheduler.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://127.0.0.1:${String(port)}`;
};

/** A one-time schedule whose time has passed: an armed one fires at once. */
const createDue = (url: string, name: string) =>
  fetch(`${url}/schedules/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      GroupName: 'otklik-test',
      ScheduleExpression: 'at(2020-01-01T00:00:00)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:csi',
        RoleArn: 'arn:aws:iam::000000000000:role/scheduler',
        Input: '{}',
      },
    }),
  });

afterEach(async () => {
  for (const scheduler of started.splice(0)) {
    scheduler.stop();
    await new Promise((resolve) => scheduler.server.close(resolve));
  }
});

describe('Local scheduler: held schedules (the bench)', () => {
  it('keeps the schedules created while holding without firing them, and fires new ones after resume', async () => {
    // Prepare
    const startExecution = vi.fn();
    const url = await startScheduler(startExecution);

    // Act
    const hold = await fetch(`${url}/_local/hold`, { method: 'POST' });
    const held = await createDue(url, 'held');
    await fetch(`${url}/_local/resume`, { method: 'POST' });
    const armed = await createDue(url, 'armed');
    await pollUntil(() => Promise.resolve(startExecution.mock.calls.length > 0 || undefined), {
      what: 'the armed schedule to fire',
    });

    // Assess: timers fire in order, so a held schedule armed before would have fired first
    expect(await hold.json()).toEqual({ holding: true });
    expect([held.status, armed.status]).toEqual([200, 200]);
    expect(startExecution).toHaveBeenCalledTimes(1);
    const found = await fetch(`${url}/schedules/held?groupName=otklik-test`);
    expect(found.status).toBe(200);
    const fired = await fetch(`${url}/schedules/armed?groupName=otklik-test`);
    expect(fired.status).toBe(404);
  });
});
