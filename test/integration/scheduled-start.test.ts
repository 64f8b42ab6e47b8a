import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DescribeExecutionCommand, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../helpers/poll.ts';
import { runtime, sfn } from './clients.ts';
import { itemOf, mailsTo, postWebhook, ticketEvent, waitForMails } from './loop-helpers.ts';
import { surveyExecutionArn, waitForIdleWorkflows } from './workflow-helpers.ts';

/*
 * Issue 8: the send delay is no Wait state any more. Intake creates a one-time EventBridge
 * Scheduler schedule for resolution + send delay (PT2S in the integration settings); the
 * local Scheduler fires StartExecution at that time and deletes the schedule.
 */
const scheduler = new SchedulerClient({
  endpoint: runtime.schedulerUrl,
  region: runtime.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const GROUP = 'otklik-local';

const scheduleOf = async (surveyId: string) => {
  try {
    return await scheduler.send(
      new GetScheduleCommand({ Name: `csi-${surveyId}`, GroupName: GROUP })
    );
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const executionOf = async (surveyId: string) => {
  try {
    return await sfn.send(
      new DescribeExecutionCommand({ executionArn: surveyExecutionArn(surveyId) })
    );
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
};

const resolvedNow = () => {
  const event = ticketEvent({ resolvedAt: new Date().toISOString() });
  return { event, email: event.requester.email };
};

describe('Scheduled start of the survey workflow (EventBridge Scheduler)', () => {
  it('gives a late delivery the whole send delay from its receipt: scheduled, not started', async () => {
    // Prepare: resolved a minute ago (ticketEvent's default), delivered now. First in the
    // file: it also warms the webhook's handler, so the next test's 2 s window is not spent
    // on an import.
    const event = ticketEvent();

    // Act
    const response = await postWebhook(JSON.stringify(event));

    // Assess: a reopening that follows the late resolution still has its window.
    const surveyId = String(response.body.surveyId);
    expect(await scheduleOf(surveyId)).toBeDefined();
    expect(await executionOf(surveyId)).toBeUndefined();
  });

  it('schedules the start at the delivery + send delay, starts it then, and mails once', async () => {
    // Prepare
    const { event, email } = resolvedNow();

    // Act
    const response = await postWebhook(JSON.stringify(event));
    const answeredAt = Date.now();

    // Assess: a schedule exists, due at the survey's sendAt (the 2 s delay from the delivery)
    expect(response.status).toBe(202);
    const surveyId = String(response.body.surveyId);
    const survey = await itemOf(`SURVEY#${surveyId}`, 'SURVEY');
    const sendAt = new Date(String(survey?.sendAt));
    expect(sendAt.getTime()).toBeGreaterThanOrEqual(new Date(event.resolvedAt).getTime() + 2000);
    expect(sendAt.getTime()).toBeLessThanOrEqual(answeredAt + 2000);
    const schedule = await scheduleOf(surveyId);
    expect(schedule).toMatchObject({
      Name: `csi-${surveyId}`,
      GroupName: GROUP,
      ScheduleExpressionTimezone: 'UTC',
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
    });
    expect(schedule?.ScheduleExpression).toBe(
      `at(${new Date(Math.ceil(sendAt.getTime() / 1000) * 1000).toISOString().slice(0, 19)})`
    );
    expect(await executionOf(surveyId)).toBeUndefined();

    // Assess: the execution starts at its time (not before), and the schedule is gone
    const execution = await pollUntil(() => executionOf(surveyId), {
      timeoutMs: 10_000,
      what: `execution ${surveyId}`,
    });
    expect(execution.startDate?.getTime()).toBeGreaterThanOrEqual(sendAt.getTime());
    expect(execution.input && JSON.parse(execution.input)).toEqual({
      surveyId,
      waits: { untilReminderSeconds: 40, untilCloseSeconds: 20 },
    });
    expect(await scheduleOf(surveyId)).toBeUndefined();

    // Assess: one mail (the CSI workflow's first state)
    await waitForMails(email, 1);
    await waitForIdleWorkflows();
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('deletes the schedule of a survey whose ticket is reopened before the send: nothing starts', async () => {
    // Prepare
    const { event } = resolvedNow();
    const resolved = await postWebhook(JSON.stringify(event));
    const surveyId = String(resolved.body.surveyId);
    expect(await scheduleOf(surveyId)).toBeDefined();

    // Act
    const reopened = await postWebhook(
      JSON.stringify({ ...event, eventType: 'ticket.reopened', resolvedAt: undefined })
    );

    // Assess
    expect(reopened.body).toEqual({ cancelled: [surveyId] });
    expect(await scheduleOf(surveyId)).toBeUndefined();
    // Past the send time (2 s) by a margin: still no execution.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await executionOf(surveyId)).toBeUndefined();
  });
});
