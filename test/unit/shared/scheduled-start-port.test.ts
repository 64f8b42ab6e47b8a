import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  atExpression,
  eventBridgeSchedulerPort,
  scheduleNameFor,
} from '#shared/workflow/scheduled-start-port.ts';

const scheduler = mockClient(SchedulerClient);
const port = eventBridgeSchedulerPort(new SchedulerClient({ region: 'eu-central-1' }), {
  groupName: 'otklik-test',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler',
});
const START = {
  scheduleName: 'csi-s1',
  at: new Date('2025-03-10T12:10:00.250Z'),
  stateMachineArn: 'arn:aws:states:eu-central-1:123456789012:stateMachine:otklik-test-csi-survey',
  executionName: 's1',
  input: { surveyId: 's1', waits: { untilReminderSeconds: 5, untilCloseSeconds: 6 } },
};

afterEach(() => {
  scheduler.reset();
});

describe('Port: EventBridge Scheduler', () => {
  it('names schedules within 64 characters of [0-9a-zA-Z-_.]', () => {
    // Act
    const name = scheduleNameFor('csi', `${'a'.repeat(70)}#/ü`);

    // Assess
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^[0-9a-zA-Z._-]+$/);
    expect(scheduleNameFor('csi', 'a#b')).toBe('csi-a_b');
  });

  it('writes at() in UTC to the second, rounded up so a start never comes early', () => {
    // Assess
    expect(atExpression(new Date('2025-03-10T12:10:00.000Z'))).toBe('at(2025-03-10T12:10:00)');
    expect(atExpression(new Date('2025-03-10T12:10:00.001Z'))).toBe('at(2025-03-10T12:10:01)');
  });

  it('creates a one-time schedule of StartExecution under the role, deleted after it fires', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    // Act
    const created = await port.scheduleStart(START);

    // Assess
    expect(created).toBe(true);
    expect(scheduler).toReceiveCommandWith(CreateScheduleCommand, {
      Name: 'csi-s1',
      GroupName: 'otklik-test',
      ScheduleExpression: 'at(2025-03-10T12:10:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
        RoleArn: 'arn:aws:iam::123456789012:role/scheduler',
        Input: JSON.stringify({
          StateMachineArn: START.stateMachineArn,
          Name: 's1',
          Input: JSON.stringify(START.input),
        }),
        RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
      },
    });
  });

  it('takes an existing schedule of that name as made (ConflictException)', async () => {
    // Prepare
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));

    // Act
    const created = await port.scheduleStart(START);

    // Assess
    expect(created).toBe(false);
  });

  it('propagates any other error of CreateSchedule', async () => {
    // Prepare
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ Message: 'bad', message: 'bad', $metadata: {} }));

    // Act
    const act = port.scheduleStart(START);

    // Assess
    await expect(act).rejects.toBeInstanceOf(ValidationException);
  });

  it('deletes a schedule in its group; one already gone answers false', async () => {
    // Prepare
    scheduler
      .on(DeleteScheduleCommand, { Name: 'csi-s1' })
      .resolves({})
      .on(DeleteScheduleCommand, { Name: 'csi-s2' })
      .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }));

    // Act
    const deleted = await port.cancelStart('csi-s1');
    const gone = await port.cancelStart('csi-s2');

    // Assess
    expect([deleted, gone]).toEqual([true, false]);
    expect(scheduler).toReceiveCommandWith(DeleteScheduleCommand, {
      Name: 'csi-s1',
      GroupName: 'otklik-test',
    });
  });
});
