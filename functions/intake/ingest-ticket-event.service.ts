import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { csiTimers, type CsiSettings } from '#shared/settings/csi-settings.ts';
import {
  aggregateDimension,
  deliveryKey,
  epochSeconds,
  surveyKey,
  surveyStatusIndexKey,
  ticketIndexKey,
  ticketStateKey,
} from '#shared/data/keys.ts';
import { surveySchema, type Survey } from '#shared/data/survey.ts';
import { languageOf } from '#shared/kernel/i18n.ts';
import { toUtc, type CanonicalEvent } from './canonical-event.schema.ts';

export interface IngestDeps {
  readonly db: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly tableName: string;
  readonly csiStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

export type IngestOutcome =
  | { readonly kind: 'scheduled'; readonly surveyId: string }
  | { readonly kind: 'duplicate'; readonly surveyId?: string }
  | { readonly kind: 'cancelled'; readonly surveyIds: readonly string[] };

/** Delivery ids are kept a week: longer than any sender retries (Jira: up to ~30 min late). */
const DELIVERY_RETENTION_DAYS = 7;

/** One survey per resolution: the same ticket and resolution time always give the same id. */
export const surveyIdFor = (source: string, ticketId: string, resolvedAt: string): string =>
  createHash('sha256')
    .update(`${source}|${ticketId}|${toUtc(resolvedAt)}`)
    .digest('hex')
    .slice(0, 32);

const isConditionFailure = (error: unknown, index: number): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/**
 * Takes one verified ticket event.
 * 1. A repeated delivery id answers "duplicate" and changes nothing.
 * 2. Resolved or closed: the survey is written once per resolution, together with the
 *    delivery id, in one transaction; its workflow is started by name (idempotent), also
 *    for a repeat, so a start lost to a crash is made good by the sender's retry.
 * 3. Reopened: every survey of the ticket still pending is cancelled; a workflow waiting
 *    for its rating is told so (SurveyCancelled) and ends.
 */
export const ingestTicketEvent = async (
  deps: IngestDeps,
  source: string,
  deliveryId: string,
  event: CanonicalEvent
): Promise<IngestOutcome> => {
  const now = deps.now();
  const delivery = {
    Put: {
      TableName: deps.tableName,
      Item: {
        ...deliveryKey(source, deliveryId),
        receivedAt: now.toISOString(),
        expiresAt: epochSeconds(now) + DELIVERY_RETENTION_DAYS * 86400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  if (event.eventType === 'ticket.reopened') {
    try {
      await deps.db.send(new TransactWriteCommand({ TransactItems: [delivery] }));
    } catch (error) {
      if (isConditionFailure(error, 0)) return { kind: 'duplicate' };
      throw error;
    }
    return {
      kind: 'cancelled',
      surveyIds: await cancelPendingSurveys(deps, source, event.ticketId, now),
    };
  }
  // The schema guarantees resolvedAt for resolved and closed events.
  const resolvedAt = toUtc(event.resolvedAt ?? now.toISOString());
  if (event.eventType === 'ticket.closed') {
    // Closing a resolution already surveyed in this cycle (Naumen resolved → closed, whose
    // close carries its own time) is the same resolution: no second survey.
    const surveyed = await surveyedThisCycle(deps, source, event.ticketId);
    if (surveyed) {
      await recordDelivery(deps, delivery);
      return { kind: 'duplicate', surveyId: surveyed };
    }
  }
  const surveyId = surveyIdFor(source, event.ticketId, resolvedAt);
  const survey = buildSurvey(deps.settings, source, surveyId, event, resolvedAt, now);
  try {
    await deps.db.send(
      new TransactWriteCommand({
        TransactItems: [
          delivery,
          {
            Put: {
              TableName: deps.tableName,
              Item: {
                ...surveyKey(surveyId),
                ...survey,
                gsi1pk: ticketIndexKey(event.ticketId),
                gsi1sk: `${source}#${resolvedAt}`,
                gsi2pk: surveyStatusIndexKey('scheduled'),
                gsi2sk: now.toISOString(),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      })
    );
  } catch (error) {
    // The survey exists (a repeat, or a retry after a crash before the start): make sure its
    // workflow runs. Only the delivery known (a reused id): nothing to do.
    if (isConditionFailure(error, 1)) {
      await startSurveyWorkflow(deps, surveyId);
      return { kind: 'duplicate', surveyId };
    }
    if (isConditionFailure(error, 0)) return { kind: 'duplicate', surveyId };
    throw error;
  }
  await startSurveyWorkflow(deps, surveyId);
  return { kind: 'scheduled', surveyId };
};

const buildSurvey = (
  settings: CsiSettings,
  source: string,
  surveyId: string,
  event: CanonicalEvent,
  resolvedAt: string,
  now: Date
): Survey =>
  surveySchema.parse({
    surveyId,
    source,
    ticketId: event.ticketId,
    ticketNumber: event.ticketNumber ?? event.ticketId,
    title: event.title,
    requesterEmail: event.requester.email,
    requesterName: event.requester.name,
    locale: languageOf(event.requester.locale, settings.defaultLocale),
    businessUnit: event.businessUnit,
    service: event.service,
    category: event.category,
    team: event.team,
    agentEmail: event.agent?.email,
    agentName: event.agent?.name,
    openedAt: event.openedAt === undefined ? undefined : toUtc(event.openedAt),
    resolvedAt,
    slaDueAt: event.slaDueAt ? toUtc(event.slaDueAt) : (event.slaDueAt ?? null),
    slaBreached: event.slaBreached ?? null,
    reopenCount: event.reopenCount ?? null,
    resolutionCode: event.resolutionCode,
    status: 'scheduled',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    aggregateDay: resolvedAt.slice(0, 10),
    aggregateDimension: aggregateDimension(event.businessUnit, event.service),
  });

/** Starts the survey's workflow; a second start with the same name is a no-op. */
export const startSurveyWorkflow = async (
  deps: Pick<IngestDeps, 'sfn' | 'csiStateMachineArn' | 'settings'>,
  surveyId: string
): Promise<void> => {
  try {
    await deps.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: deps.csiStateMachineArn,
        name: surveyId,
        input: JSON.stringify({ surveyId, timers: csiTimers(deps.settings) }),
      })
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
};

/** Records a delivery id; one seen before is fine (its event was a repeat anyway). */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const recordDelivery = async (deps: IngestDeps, delivery: TransactItem) => {
  try {
    await deps.db.send(new TransactWriteCommand({ TransactItems: [delivery] }));
  } catch (error) {
    if (!isConditionFailure(error, 0)) throw error;
  }
};

/** The ticket's survey of its current cycle (made after its last reopening), if any. */
const surveyedThisCycle = async (
  deps: IngestDeps,
  source: string,
  ticketId: string
): Promise<string | undefined> => {
  const [found, state] = await Promise.all([
    deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :ticket AND begins_with(gsi1sk, :source)',
        ExpressionAttributeValues: { ':ticket': ticketIndexKey(ticketId), ':source': `${source}#` },
        ScanIndexForward: false,
        Limit: 1,
      })
    ),
    deps.db.send(
      new GetCommand({ TableName: deps.tableName, Key: ticketStateKey(source, ticketId) })
    ),
  ]);
  const latest = surveySchema.safeParse(found.Items?.[0]);
  if (!latest.success) return undefined;
  const reopenedAt: unknown = state.Item?.reopenedAt;
  if (typeof reopenedAt === 'string' && reopenedAt >= latest.data.createdAt) return undefined;
  return latest.data.surveyId;
};

const PENDING = ['scheduled', 'sending', 'sent', 'reminded'] as const;

const cancelPendingSurveys = async (
  deps: IngestDeps,
  source: string,
  ticketId: string,
  now: Date
) => {
  const found = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :ticket AND begins_with(gsi1sk, :source)',
      ExpressionAttributeValues: { ':ticket': ticketIndexKey(ticketId), ':source': `${source}#` },
    })
  );
  await deps.db.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: { ...ticketStateKey(source, ticketId), reopenedAt: now.toISOString() },
    })
  );
  const cancelled: string[] = [];
  for (const item of found.Items ?? []) {
    const survey = surveySchema.safeParse(item);
    if (!survey.success || !(PENDING as readonly string[]).includes(survey.data.status)) continue;
    try {
      const out = await deps.db.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: surveyKey(survey.data.surveyId),
          UpdateExpression:
            'SET #status = :cancelled, statusReason = :reopened, updatedAt = :now, gsi2pk = :index, gsi2sk = :now REMOVE taskToken',
          ConditionExpression: '#status IN (:s1, :s2, :s3, :s4)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':cancelled': 'cancelled',
            ':reopened': 'reopened',
            ':now': now.toISOString(),
            ':index': surveyStatusIndexKey('cancelled'),
            ':s1': PENDING[0],
            ':s2': PENDING[1],
            ':s3': PENDING[2],
            ':s4': PENDING[3],
          },
          ReturnValues: 'ALL_OLD',
        })
      );
      cancelled.push(survey.data.surveyId);
      const token: unknown = out.Attributes?.taskToken;
      if (typeof token === 'string') await endWaitingTask(deps.sfn, token);
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') continue;
      throw error;
    }
  }
  return cancelled;
};

/** Ends a workflow's wait for a rating; a task that already ended is fine. */
const endWaitingTask = async (sfn: SFNClient, taskToken: string): Promise<void> => {
  try {
    await sfn.send(
      new SendTaskFailureCommand({ taskToken, error: 'SurveyCancelled', cause: 'ticket reopened' })
    );
  } catch (error) {
    if (
      !(error instanceof Error) ||
      !['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'].includes(error.name)
    ) {
      throw error;
    }
  }
};
