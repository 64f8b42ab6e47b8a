import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  conditionFailed,
  isConditionalCheckFailure,
  transactWrite,
} from '#shared/data/transact.ts';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { aggregateUpdate } from '#shared/data/aggregates.ts';
import { followUpKey, followUpStatusIndexKey } from '#shared/data/keys.ts';
import { issueLinkToken } from '#shared/data/link-tokens.ts';
import { getFollowUp, type Store } from '#shared/data/store.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import {
  renderCaseOwnerEmail,
  renderClosingEmail,
} from '#functions/follow-up/mail/follow-up-emails.ts';
import { sendMail, type MailDeps } from '#shared/mail/send-mail.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { parkTaskToken } from '#shared/workflow/park-task-token.ts';
import type { RootCause } from '#shared/kernel/i18n.ts';

export interface CaseDeps extends Store {
  readonly sfn: SFNClient;
  readonly mail: MailDeps;
  readonly publicBaseUrl: string;
  readonly now: () => Date;
}

/** The case is resolved already: resolving twice is refused (409), never applied twice. */
export class FollowUpAlreadyResolvedError extends Error {
  override name = 'FollowUpAlreadyResolvedError';
}

/** A personal case link for a contact, valid until the case's maximum age. */
const mailCaseLink = async (
  deps: CaseDeps,
  followUp: FollowUp,
  to: { email: string },
  kind: 'owner' | 'escalation',
  maxAgeSeconds: number
) => {
  const validUntil = new Date(
    new Date(followUp.openedAt).getTime() + maxAgeSeconds * 1000
  ).toISOString();
  const token = await issueLinkToken(deps, {
    kind: 'case',
    subjectId: followUp.followUpId,
    validUntil,
  });
  const rendered = renderCaseOwnerEmail(followUp, `${deps.publicBaseUrl}/f/${token}`, kind);
  await sendMail(deps.mail, { to: to.email, ...rendered });
};

/** Mails the owner the case link (the case's first step). */
export const notifyOwner = async (
  deps: CaseDeps,
  followUpId: string,
  maxAgeSeconds: number
): Promise<void> => {
  const followUp = await getFollowUp(deps, followUpId);
  if (followUp.status === 'resolved') return;
  await mailCaseLink(deps, followUp, followUp.owner, 'owner', maxAgeSeconds);
};

/** Parks the task token on an unresolved case; answers it at once if the case is resolved. */
export const awaitResolution = async (
  deps: CaseDeps,
  followUpId: string,
  taskToken: string
): Promise<void> => {
  if (await parkTaskToken(deps, followUpKey(followUpId), ['open', 'overdue'], taskToken)) return;
  // A case that does not exist fails here (FollowUpNotFoundError), not silently.
  await getFollowUp(deps, followUpId);
  await deps.sfn.send(
    new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ resolved: true }) })
  );
};

/** SLA over: the case is marked overdue and its escalation contact gets the case link. */
export const escalate = async (
  deps: CaseDeps,
  followUpId: string,
  maxAgeSeconds: number
): Promise<{ escalated: boolean }> => {
  const now = deps.now().toISOString();
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: followUpKey(followUpId),
        UpdateExpression: 'SET #status = :overdue, escalatedAt = :now, gsi2pk = :index',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':overdue': 'overdue',
          ':open': 'open',
          ':now': now,
          ':index': followUpStatusIndexKey('overdue'),
        },
      })
    );
  } catch (error) {
    if (isConditionalCheckFailure(error)) return { escalated: false };
    throw error;
  }
  const followUp = await getFollowUp(deps, followUpId);
  await mailCaseLink(deps, followUp, followUp.escalation, 'escalation', maxAgeSeconds);
  metrics.addMetric('FollowUpOverdue', MetricUnit.Count, 1);
  return { escalated: true };
};

export interface Resolution {
  readonly rootCause: RootCause;
  readonly correctiveAction: string;
  readonly notifyRequester: boolean;
  readonly messageToRequester?: string | undefined;
  readonly resolvedBy: string;
}

/**
 * Records root cause and corrective action and resolves the case, with the day's
 * `followUpsResolved` counter in the same transaction; then releases the waiting workflow,
 * which sends the closing mail.
 */
export const resolveFollowUp = async (
  deps: CaseDeps,
  followUpId: string,
  resolution: Resolution
): Promise<FollowUp> => {
  const followUp = await getFollowUp(deps, followUpId);
  const now = deps.now().toISOString();
  try {
    await transactWrite(deps.db, {
      TransactItems: [
        {
          Update: {
            TableName: deps.tableName,
            Key: followUpKey(followUpId),
            UpdateExpression:
              'SET #status = :resolved, resolvedAt = :now, resolvedBy = :by, rootCause = :cause, correctiveAction = :action, notifyRequester = :notify, messageToRequester = :message, gsi2pk = :index, gsi2sk = :now',
            ConditionExpression: '#status IN (:open, :overdue)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':resolved': 'resolved',
              ':now': now,
              ':by': resolution.resolvedBy,
              ':cause': resolution.rootCause,
              ':action': resolution.correctiveAction,
              ':notify': resolution.notifyRequester,
              ':message': resolution.messageToRequester ?? '',
              ':index': followUpStatusIndexKey('resolved'),
              ':open': 'open',
              ':overdue': 'overdue',
            },
          },
        },
        aggregateUpdate(deps.tableName, followUp, { followUpsResolved: 1 }),
      ],
    });
  } catch (error) {
    if (conditionFailed(error, 0))
      throw new FollowUpAlreadyResolvedError(`follow-up ${followUpId} is resolved`);
    throw error;
  }
  const resolved = await getFollowUp(deps, followUpId);
  if (resolved.taskToken) {
    try {
      await deps.sfn.send(
        new SendTaskSuccessCommand({
          taskToken: resolved.taskToken,
          output: JSON.stringify({ resolved: true }),
        })
      );
    } catch (error) {
      // The workflow is gone or moved on: the closing mail is then sent by the next reconcile.
      if (!(
        error instanceof Error &&
        ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'].includes(error.name)
      ))
        throw error;
    }
  }
  return resolved;
};

/** The requester's "what we did" mail, once, when the owner chose to send it. */
export const sendClosingEmail = async (
  deps: CaseDeps,
  followUpId: string
): Promise<{ sent: boolean }> => {
  const followUp = await getFollowUp(deps, followUpId);
  if (
    followUp.status !== 'resolved' ||
    !followUp.notifyRequester ||
    !followUp.requesterEmail ||
    followUp.closingEmailSentAt
  ) {
    return { sent: false };
  }
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: followUpKey(followUpId),
        UpdateExpression: 'SET closingEmailSentAt = :now',
        ConditionExpression: 'attribute_not_exists(closingEmailSentAt)',
        ExpressionAttributeValues: { ':now': deps.now().toISOString() },
      })
    );
  } catch (error) {
    if (isConditionalCheckFailure(error)) return { sent: false };
    throw error;
  }
  try {
    await sendMail(deps.mail, { to: followUp.requesterEmail, ...renderClosingEmail(followUp) });
  } catch (error) {
    // Give the claim back, so the workflow's retry (e.g. after SES throttling) sends it;
    // the mail's error is the one that counts, whatever happens here.
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: followUpKey(followUpId),
          UpdateExpression: 'REMOVE closingEmailSentAt',
        })
      );
    } catch (releaseError) {
      logger.error('closing mail claim not released', { followUpId, error: releaseError });
    }
    throw error;
  }
  return { sent: true };
};

/** Hands an unresolved case to another owner, who gets a new personal link. */
export const assignFollowUp = async (
  deps: CaseDeps,
  followUpId: string,
  owner: { email: string; name: string },
  maxAgeSeconds: number
): Promise<FollowUp> => {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: followUpKey(followUpId),
        UpdateExpression: 'SET #owner = :owner',
        ConditionExpression: 'attribute_exists(pk) AND #status IN (:open, :overdue)',
        ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
        ExpressionAttributeValues: { ':owner': owner, ':open': 'open', ':overdue': 'overdue' },
      })
    );
  } catch (error) {
    if (isConditionalCheckFailure(error)) {
      await getFollowUp(deps, followUpId);
      throw new FollowUpAlreadyResolvedError(`follow-up ${followUpId} is resolved`);
    }
    throw error;
  }
  const followUp = await getFollowUp(deps, followUpId);
  await mailCaseLink(deps, followUp, owner, 'owner', maxAgeSeconds);
  return followUp;
};
