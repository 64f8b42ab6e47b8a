import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';

export interface HealthDeps {
  readonly dynamoDb: DynamoDBClient;
  readonly ses: SESv2Client;
  readonly sfn: SFNClient;
  readonly tableName: string;
  /** Workflow name → state machine ARN. */
  readonly stateMachineArns: Readonly<Record<string, string>>;
  /** How long one component may take to answer. */
  readonly timeoutMs: number;
}

export interface ComponentHealth {
  readonly name: string;
  readonly healthy: boolean;
  /** Why it is unhealthy: an error name, never a message that could echo data. */
  readonly reason?: string;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly components: readonly ComponentHealth[];
}

const probe = async (
  name: string,
  check: (signal: AbortSignal) => Promise<unknown>,
  timeoutMs: number
): Promise<ComponentHealth> => {
  try {
    await check(AbortSignal.timeout(timeoutMs));
    return { name, healthy: true };
  } catch (error) {
    return { name, healthy: false, reason: error instanceof Error ? error.name : 'UnknownError' };
  }
};

/**
 * Asks every dependency one cheap, read-only question, all at once.
 * 1. The table exists and is ACTIVE.
 * 2. The SES account answers (sending status is the deliverability issue's concern).
 * 3. Each workflow's state machine exists.
 */
export const checkHealth = async (deps: HealthDeps): Promise<HealthReport> => {
  const checks: Promise<ComponentHealth>[] = [
    probe(
      'table',
      async (abortSignal) => {
        const out = await deps.dynamoDb.send(
          new DescribeTableCommand({ TableName: deps.tableName }),
          {
            abortSignal,
          }
        );
        if (out.Table?.TableStatus !== 'ACTIVE') throw new TableNotActiveError();
      },
      deps.timeoutMs
    ),
    probe(
      'email',
      (abortSignal) => deps.ses.send(new GetAccountCommand({}), { abortSignal }),
      deps.timeoutMs
    ),
    ...Object.entries(deps.stateMachineArns).map(([name, arn]) =>
      probe(
        `workflow:${name.toLowerCase().replace(/_/g, '-')}`,
        (abortSignal) =>
          deps.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }), { abortSignal }),
        deps.timeoutMs
      )
    ),
  ];
  const components = await Promise.all(checks);
  return { healthy: components.every((c) => c.healthy), components };
};

class TableNotActiveError extends Error {
  override name = 'TableNotActiveError';
}
