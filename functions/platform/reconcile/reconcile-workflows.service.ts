import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { csiTimers, followUpTimers, type CsiSettings } from '#shared/settings/csi-settings.ts';
import { followUpSchema } from '#shared/data/follow-up.ts';
import { followUpStatusIndexKey, surveyStatusIndexKey } from '#shared/data/keys.ts';
import type { Store } from '#shared/data/store.ts';
import { surveySchema } from '#shared/data/survey.ts';

export interface ReconcileDeps extends Store {
  readonly sfn: SFNClient;
  readonly csiStateMachineArn: string;
  readonly followUpStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
  /** Leave alone what changed more recently: its own workflow is still starting. */
  readonly graceSeconds: number;
}

const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** Whether the workflow named `name` is running; false when it ended or never existed. */
const isRunning = async (
  deps: ReconcileDeps,
  stateMachineArn: string,
  name: string
): Promise<boolean | 'missing'> => {
  try {
    const out = await deps.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) })
    );
    return out.status === 'RUNNING';
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return 'missing';
    throw error;
  }
};

/** Starts a workflow again: under its own name when it never ran (or was forgotten), else a resume name. */
const restart = async (
  deps: ReconcileDeps,
  stateMachineArn: string,
  name: string,
  missing: boolean,
  input: object
) => {
  try {
    await deps.sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: missing ? name : `${name}-resume-${deps.now().getTime()}`,
        input: JSON.stringify(input),
      })
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
};

const queryIndex = async (
  deps: ReconcileDeps,
  key: string,
  olderThan: string,
  newerThan?: string
) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: newerThan
          ? 'gsi2pk = :key AND gsi2sk BETWEEN :from AND :to'
          : 'gsi2pk = :key AND gsi2sk < :to',
        ExpressionAttributeValues: {
          ':key': key,
          ':to': olderThan,
          ...(newerThan ? { ':from': newerThan } : {}),
        },
        ExclusiveStartKey: start,
      })
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/**
 * Makes the workflows follow the table again. DynamoDB holds the truth; a workflow can be
 * lost (a restart of the local runtime forgets running executions) or end early (a step
 * failed for good after its retries). Each pass:
 * 1. every survey still pending (scheduled, sending, sent, reminded) without a running
 *    workflow gets one; PrepareSurvey resumes it from its status;
 * 2. every open or overdue case without a running workflow gets one, resuming at the wait
 *    (the owner already has the link);
 * 3. every case resolved in the last two days whose closing mail is still due gets one, to send it.
 * A pass repeated, or racing another, starts nothing twice: names are deterministic where
 * the workflow never ran, and every task re-reads the table.
 */
export const reconcileWorkflows = async (deps: ReconcileDeps) => {
  const now = deps.now();
  const before = new Date(now.getTime() - deps.graceSeconds * 1000).toISOString();
  const counts = { surveys: 0, followUps: 0 };
  for (const status of ['scheduled', 'sending', 'sent', 'reminded']) {
    for (const item of await queryIndex(deps, surveyStatusIndexKey(status), before)) {
      const survey = surveySchema.safeParse(item);
      if (!survey.success) continue;
      const running = await isRunning(deps, deps.csiStateMachineArn, survey.data.surveyId);
      if (running === true) continue;
      await restart(deps, deps.csiStateMachineArn, survey.data.surveyId, running === 'missing', {
        surveyId: survey.data.surveyId,
        timers: csiTimers(deps.settings),
      });
      counts.surveys += 1;
    }
  }
  const timers = followUpTimers(deps.settings);
  const recentlyResolved = new Date(now.getTime() - 2 * 86400 * 1000).toISOString();
  const cases = [
    ...(await queryIndex(deps, followUpStatusIndexKey('open'), '~')),
    ...(await queryIndex(deps, followUpStatusIndexKey('overdue'), '~')),
    ...(await queryIndex(deps, followUpStatusIndexKey('resolved'), before, recentlyResolved)),
  ];
  for (const item of cases) {
    const followUp = followUpSchema.safeParse(item);
    if (!followUp.success) continue;
    const f = followUp.data;
    if (
      f.status === 'resolved' &&
      (!f.notifyRequester || f.closingEmailSentAt || !f.requesterEmail)
    )
      continue;
    if (f.status !== 'resolved' && f.openedAt > before) continue;
    const running = await isRunning(deps, deps.followUpStateMachineArn, f.followUpId);
    if (running === true) continue;
    await restart(deps, deps.followUpStateMachineArn, f.followUpId, running === 'missing', {
      followUpId: f.followUpId,
      timers,
      resume: true,
    });
    counts.followUps += 1;
  }
  return { restarted: counts };
};
