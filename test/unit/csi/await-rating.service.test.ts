import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { awaitRating, type AwaitRatingDeps } from '#functions/csi/tasks/await-rating.service.ts';
import { surveyKey } from '#shared/data/keys.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import type { SurveyStatus } from '#shared/data/survey.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';
import { SURVEY_ID, surveyItem, TABLE } from '#test/helpers/survey-fixture.ts';

const { ddb, sfn } = mockAws();

const TASK_TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAeXample-task-token';

const deps: AwaitRatingDeps = testDeps();

describe('Service: awaitRating', () => {
  it('parks the task token on a survey that waits for its rating', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await awaitRating(deps, SURVEY_ID, TASK_TOKEN);

    // Assess
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: surveyKey(SURVEY_ID),
    });
    const update = decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input);
    expect(update.set).toEqual({ taskToken: TASK_TOKEN });
    expect(update.condition).toBe('status IN ("sent", "reminded")');
    expect(ddb).not.toReceiveCommand(GetCommand);
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('answers the task with the score when the survey is already rated', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: surveyItem({ status: 'rated', score: 2 }) });
    sfn.on(SendTaskSuccessCommand).resolves({});

    // Act
    await awaitRating(deps, SURVEY_ID, TASK_TOKEN);

    // Assess
    expect(sfn).toReceiveCommandTimes(SendTaskSuccessCommand, 1);
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: TASK_TOKEN,
      output: JSON.stringify({ score: 2 }),
    });
    expect(sfn).not.toReceiveCommand(SendTaskFailureCommand);
    expect(ddb).toReceiveCommandWith(GetCommand, {
      Key: surveyKey(SURVEY_ID),
      ConsistentRead: true,
    });
  });

  it('fails the task with SurveyCancelled when the survey was cancelled', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: surveyItem({ status: 'cancelled' }) });
    sfn.on(SendTaskFailureCommand).resolves({});

    // Act
    await awaitRating(deps, SURVEY_ID, TASK_TOKEN);

    // Assess
    expect(sfn).toReceiveCommandTimes(SendTaskFailureCommand, 1);
    expect(sfn).toReceiveCommandWith(SendTaskFailureCommand, {
      taskToken: TASK_TOKEN,
      error: 'SurveyCancelled',
      cause: 'survey is cancelled',
    });
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it.each<SurveyStatus>(['expired', 'failed', 'suppressed'])(
    'ends the wait of a %s survey with SurveyCancelled',
    async (status) => {
      // Prepare
      ddb.on(UpdateCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({ Item: surveyItem({ status }) });
      sfn.on(SendTaskFailureCommand).resolves({});

      // Act
      await awaitRating(deps, SURVEY_ID, TASK_TOKEN);

      // Assess
      expect(sfn).toReceiveCommandWith(SendTaskFailureCommand, {
        taskToken: TASK_TOKEN,
        error: 'SurveyCancelled',
        cause: `survey is ${status}`,
      });
    }
  );

  it('propagates an unexpected error of the update and answers nothing', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new Error('throttled'));

    // Act
    const act = awaitRating(deps, SURVEY_ID, TASK_TOKEN);

    // Assess
    await expect(act).rejects.toThrow('throttled');
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('throws SurveyNotFoundError for an unknown survey', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({});

    // Act
    const act = awaitRating(deps, SURVEY_ID, TASK_TOKEN);

    // Assess
    await expect(act).rejects.toBeInstanceOf(SurveyNotFoundError);
    expect(sfn).not.toReceiveAnyCommand();
  });
});
