import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';

/** One execution to start later: which workflow, under which name, with which input, when. */
export interface ScheduledStart {
  /** The schedule's name (see scheduleNameFor). */
  readonly scheduleName: string;
  readonly at: Date;
  readonly stateMachineArn: string;
  readonly executionName: string;
  readonly input: object;
}

/**
 * The port to starts at a later time. Use cases take it as a dependency and never see the
 * Scheduler client; the start itself is Step Functions' StartExecution, made by the
 * scheduler under its own role when the time comes.
 */
export interface ScheduledStartPort {
  /** Schedules a start; false when a schedule of that name exists (an idempotent create). */
  scheduleStart(start: ScheduledStart): Promise<boolean>;
  /** Deletes a schedule; false when none of that name exists (fired already, or never made). */
  cancelStart(scheduleName: string): Promise<boolean>;
}

/** Where the schedules live and the role EventBridge Scheduler starts executions as. */
export interface SchedulerTarget {
  readonly groupName: string;
  readonly roleArn: string;
}

/** Schedule names: 1–64 of `[0-9a-zA-Z-_.]`. */
const NAME_LENGTH = 64;

/** The schedule name of an execution name: other characters become `_`, cut at 64. */
export const scheduleNameFor = (prefix: string, executionName: string): string =>
  `${prefix}-${executionName}`.replace(/[^0-9a-zA-Z._-]/g, '_').slice(0, NAME_LENGTH);

/**
 * `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the whole second, so the start never
 * comes before its time.
 */
export const atExpression = (at: Date): string =>
  `at(${new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().slice(0, 19)})`;

/**
 * The universal target of Step Functions' StartExecution: unlike the templated target it
 * takes the execution's name, so the schedule's start and any other start of the same
 * survey (intake's own, reconcile's) are one execution.
 */
export const START_EXECUTION_TARGET = 'arn:aws:scheduler:::aws-sdk:sfn:startExecution';

/** The port over EventBridge Scheduler (the local runtime's stand-in answers the same API). */
export const eventBridgeSchedulerPort = (
  scheduler: SchedulerClient,
  target: SchedulerTarget
): ScheduledStartPort => ({
  scheduleStart: async (start) => {
    try {
      await scheduler.send(
        new CreateScheduleCommand({
          Name: start.scheduleName,
          GroupName: target.groupName,
          ScheduleExpression: atExpression(start.at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          // A one-time schedule has no use once it fired.
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: START_EXECUTION_TARGET,
            RoleArn: target.roleArn,
            Input: JSON.stringify({
              StateMachineArn: start.stateMachineArn,
              Name: start.executionName,
              Input: JSON.stringify(start.input),
            }),
            // Scheduler retries a failed start (throttling, an outage) for up to a day.
            RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
          },
        })
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictException) return false;
      throw error;
    }
  },
  cancelStart: async (scheduleName) => {
    try {
      await scheduler.send(
        new DeleteScheduleCommand({ Name: scheduleName, GroupName: target.groupName })
      );
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
  },
});
