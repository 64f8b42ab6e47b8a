import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  ExecutionAlreadyExists,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  followRating,
  openFollowUp,
  type OpenFollowUpDeps,
} from '#functions/csi/tasks/open-follow-up.service.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import {
  csiAggregateKey,
  followUpKey,
  followUpWorkListEntries,
  responseKey,
  surveyKey,
} from '#shared/data/keys.ts';
import type { Survey } from '#shared/data/survey.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { NOW, SURVEY_ID, surveyItem, TABLE, testDeps } from '#test/helpers/ddb-fixtures.ts';
import {
  conditionFailed as conditionFailedError,
  tableThrottled,
  transactionCanceled,
} from '#test/helpers/sdk-errors.ts';
import { addedCounters, decodeUpdate, expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws({ table: 'empty', workflows: 'accepting' });

const ARN = 'arn:aws:states:eu-central-1:123456789012:stateMachine:otklik-test-follow-up-case';
const financeOwner = { email: 'finance-quality@example.com', name: 'Finance quality' };
const payrollOwner = { email: 'payroll-lead@example.com', name: 'Payroll lead' };
const payrollEscalation = { email: 'payroll-head@example.com', name: 'Head of payroll' };

const deps: OpenFollowUpDeps = {
  ...testDeps(),
  followUpStateMachineArn: ARN,
  settings: parseCsiSettings(
    JSON.stringify({
      followUp: {
        routes: [
          { service: 'Payroll', owner: payrollOwner, escalation: payrollEscalation },
          { businessUnit: 'bu-fin', owner: financeOwner },
        ],
      },
    })
  ),
};

const givenSurvey = (survey: Survey) =>
  ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: survey });
const givenScore = (score: number) =>
  ddb.on(GetCommand, { Key: responseKey(SURVEY_ID) }).resolves({
    Item: {
      surveyId: SURVEY_ID,
      score,
      reasons: ['speed'],
      comment: 'Too slow',
      submittedAt: '2025-03-09T10:00:00.000Z',
      revision: 0,
    },
  });
const transactItems = (call = 0) =>
  ddb.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? [];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Service: openFollowUp', () => {
  it('opens the case, marks the survey and counts it in one conditional transaction', async () => {
    // Prepare
    givenSurvey(
      surveyItem({
        status: 'rated',
        businessUnit: 'HR',
        businessUnitRaw: { name: 'HR' },
        service: undefined,
      })
    );
    givenScore(2);

    // Act
    const result = await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ opened: true, followUpId: SURVEY_ID });
    const [put, survey, aggregate] = transactItems();
    expectNewItemOnly(put?.Put);
    expect(put?.Put).toMatchObject({
      TableName: TABLE,
      Item: {
        ...followUpKey(SURVEY_ID),
        followUpId: SURVEY_ID,
        surveyId: SURVEY_ID,
        ticketNumber: 'INC-1001',
        score: 2,
        comment: 'Too slow',
        reasons: ['speed'],
        status: 'open',
        openedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        dueAt: '2025-03-12T12:00:00.000Z', // the default SLA, P2D
        // On both work lists of open cases (all units', and HR's), earliest due first.
        ...followUpWorkListEntries('open', 'HR', '2025-03-12T12:00:00.000Z'),
        owner: { email: 'quality@example.com', name: 'Quality team' },
        escalation: { email: 'quality-lead@example.com', name: 'Head of quality' },
      },
    });
    expect(survey?.Update?.Key).toEqual(surveyKey(SURVEY_ID));
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: { followUpId: SURVEY_ID },
      condition: undefined,
    });
    expect(aggregate?.Update?.Key).toEqual(csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'));
    expect(addedCounters(aggregate?.Update)).toEqual({ followUpsOpened: 1 });
  });

  it('starts the case workflow named after the survey with the case timers', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(3);

    // Act
    await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(sfn).toReceiveCommandExactlyOnceWith(StartExecutionCommand, {
      stateMachineArn: ARN,
      name: SURVEY_ID,
      input: JSON.stringify({
        followUpId: SURVEY_ID,
        timers: { slaSeconds: 2 * 86400, afterEscalationSeconds: 28 * 86400 },
      }),
    });
  });

  it('does not count a second opening but still starts the workflow idempotently', async () => {
    // Prepare: the case exists, so the put's condition fails
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(1);
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    // Act
    const result = await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ opened: false, followUpId: SURVEY_ID });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, { name: SURVEY_ID });
  });

  it('rethrows a workflow error other than an existing execution', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(1);
    sfn
      .on(StartExecutionCommand)
      .rejects(new StateMachineDoesNotExist({ message: 'missing', $metadata: {} }));

    // Act
    const result = openFollowUp(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toThrow(StateMachineDoesNotExist);
  });

  it('opens the case once when the transaction conflicts with another counter update', async () => {
    // Prepare
    vi.spyOn(Math, 'random').mockReturnValue(0); // no wait between the attempts
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(2);
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'None', 'TransactionConflict'))
      .resolves({});

    // Act
    const result = await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ opened: true, followUpId: SURVEY_ID });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(addedCounters(transactItems(1)[2]?.Update)).toEqual({ followUpsOpened: 1 });
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  it.each([
    ['without reasons', transactionCanceled()],
    [
      'by the survey or the counter, not the case',
      transactionCanceled('None', 'ValidationError', 'None'),
    ],
  ])('rethrows a transaction cancelled %s and starts no workflow', async (_label, cancelled) => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(2);
    ddb.on(TransactWriteCommand).rejects(cancelled);

    // Act
    const result = openFollowUp(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toBe(cancelled);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('rethrows a table error and starts no workflow', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(1);
    ddb.on(TransactWriteCommand).rejects(tableThrottled());

    // Act
    const result = openFollowUp(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toThrow(ProvisionedThroughputExceededException);
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('opens no case for a score at the threshold', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(5);

    // Act
    const result = await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ opened: false });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('opens no case for a score at a lower configured threshold', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenScore(3);
    const settings = parseCsiSettings(JSON.stringify({ followUpThreshold: 3 }));

    // Act
    const result = await openFollowUp({ ...deps, settings }, SURVEY_ID);

    // Assess
    expect(result.opened).toBe(false);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('opens no case when there is no response', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'expired' }));

    // Act
    const result = await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ opened: false });
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('routes by service name before the business unit rule and takes its escalation', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' })); // Finance (bu-fin) / Payroll (svc-payroll)
    givenScore(2);

    // Act
    await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(transactItems()[0]?.Put?.Item).toMatchObject({
      owner: payrollOwner,
      escalation: payrollEscalation,
    });
  });

  it('routes by business unit id and falls back to the default escalation', async () => {
    // Prepare
    givenSurvey(
      surveyItem({ status: 'rated', service: { id: 'svc-travel', name: 'Travel expenses' } })
    );
    givenScore(2);

    // Act
    await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(transactItems()[0]?.Put?.Item).toMatchObject({
      owner: financeOwner,
      escalation: { email: 'quality-lead@example.com', name: 'Head of quality' },
    });
  });

  it("gives a case no route names to its registered unit's quality owner", async () => {
    // Prepare
    const qualityOwner = { email: 'quality-volga@ssc.local', name: 'Ольга Белова' };
    givenSurvey(
      surveyItem({
        status: 'rated',
        businessUnit: 'volga-logistics',
        businessUnitRaw: { name: 'Волга' },
        service: { id: 'svc-travel', name: 'Travel expenses' },
      })
    );
    givenScore(2);
    ddb.on(GetCommand, { Key: { pk: 'BU#volga-logistics', sk: 'UNIT' } }).resolves({
      Item: {
        unitId: 'volga-logistics',
        names: { ru: 'ООО «Волга Логистик»', en: 'Volga Logistics LLC' },
        keyCustomers: [],
        qualityOwner,
        active: true,
        aliases: [],
        version: 0,
        createdAt: NOW.toISOString(),
        createdBy: 'admin',
        updatedAt: NOW.toISOString(),
        updatedBy: 'admin',
      },
    });

    // Act
    await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(transactItems()[0]?.Put?.Item).toMatchObject({
      owner: qualityOwner,
      businessUnit: 'volga-logistics',
      ...followUpWorkListEntries('open', 'volga-logistics', '2025-03-12T12:00:00.000Z'),
    });
  });

  it('routes by a registered unit id named in a route', async () => {
    // Prepare: the raw value is not bu-fin; the resolved unit is.
    givenSurvey(
      surveyItem({
        status: 'rated',
        businessUnit: 'bu-fin',
        businessUnitRaw: { id: 'OU-77', name: 'Бухгалтерия' },
        service: undefined,
      })
    );
    givenScore(2);

    // Act
    await openFollowUp(deps, SURVEY_ID);

    // Assess
    expect(transactItems()[0]?.Put?.Item).toMatchObject({ owner: financeOwner });
  });
});

describe('Service: followRating', () => {
  const rating = (score: number) => ({ score, comment: 'Still slow', reasons: ['speed'] });
  const rated = (
    score: number,
    overrides: { previousScore?: number; revision?: number; survey?: Partial<Survey> } = {}
  ) => ({
    survey: surveyItem({ status: 'rated', ...overrides.survey }),
    rating: rating(score),
    previousScore: overrides.previousScore,
    revision: overrides.revision ?? 1,
  });
  const caseUpdate = () => ddb.commandCalls(UpdateCommand)[0]?.args[0].input;

  it('opens the case of a first low score at its revision, with no read, and starts its workflow', async () => {
    // Act
    const result = await followRating(deps, rated(2));

    // Assess
    expect(result).toEqual({ opened: true, followed: false });
    expect(ddb).not.toReceiveCommand(GetCommand);
    const [put, survey, aggregate] = transactItems();
    expect(put?.Put?.Item).toMatchObject({ score: 2, comment: 'Still slow', ratingRevision: 1 });
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: { followUpId: SURVEY_ID },
      condition: 'ratingRevision = 1',
    });
    expect(addedCounters(aggregate?.Update)).toEqual({ followUpsOpened: 1 });
    expect(sfn).toReceiveCommandExactlyOnceWith(StartExecutionCommand, { name: SURVEY_ID });
  });

  it('opens nothing for a rating already replaced: the later rating decides', async () => {
    // Prepare: the survey moved on to another revision (part 1 failed)
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('None', 'ConditionalCheckFailed', 'None'));

    // Act
    const result = await followRating(deps, rated(2));

    // Assess
    expect(result).toEqual({ opened: false, followed: false });
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('brings an existing case to a changed low score, keeping the score it was opened with', async () => {
    // Act
    const result = await followRating(
      deps,
      rated(3, { previousScore: 2, revision: 4, survey: { followUpId: SURVEY_ID } })
    );

    // Assess
    expect(result).toEqual({ opened: false, followed: true });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(caseUpdate()?.Key).toEqual(followUpKey(SURVEY_ID));
    expect(caseUpdate()?.UpdateExpression).toContain(
      '#openingScore = if_not_exists(#openingScore, #score)'
    );
    expect(decodeUpdate(caseUpdate())).toMatchObject({
      set: { score: 3, comment: 'Still slow', reasons: ['speed'], ratingRevision: 4 },
      remove: ['liftedAboveThresholdAt'],
      condition:
        'attribute_exists(pk) AND (attribute_not_exists(ratingRevision) OR ratingRevision < 4)',
    });
  });

  it('marks a case lifted when a change brings the score to the threshold', async () => {
    // Act
    await followRating(deps, rated(5, { previousScore: 2, revision: 2 }));

    // Assess: no case is opened for a high score, the one that exists follows
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(decodeUpdate(caseUpdate())).toMatchObject({
      set: { score: 5 },
      setIfAbsent: { liftedAboveThresholdAt: NOW.toISOString() },
      remove: [],
    });
  });

  it('updates the case a concurrent low rating opened first', async () => {
    // Prepare: the case exists (part 0 failed)
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    // Act
    const result = await followRating(deps, rated(1, { previousScore: 2, revision: 3 }));

    // Assess
    expect(result).toEqual({ opened: false, followed: true });
    expect(decodeUpdate(caseUpdate()).set).toMatchObject({ score: 1, ratingRevision: 3 });
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('leaves a case that follows a later rating alone', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailedError());

    // Act
    const result = await followRating(deps, rated(5, { previousScore: 2, revision: 2 }));

    // Assess
    expect(result).toEqual({ opened: false, followed: false });
  });
});
