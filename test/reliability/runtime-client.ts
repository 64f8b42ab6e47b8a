import { scanTable } from '../helpers/scan-table.ts';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import type { StoredMail } from '../integration/loop-helpers.ts';
import type { RuntimeProcess } from './runtime-process.ts';

/**
 * The few calls R3 and R6 make to a runtime of their own (the integration helpers are bound
 * to the shared one): the generic webhook, the inbox, the table, the Step Functions API.
 */
export const clientOf = (runtime: RuntimeProcess) => {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.dynamoDbUrl, region: runtime.region, credentials })
  );
  const sfn = new SFNClient({ endpoint: runtime.sfnUrl, region: runtime.region, credentials });
  return {
    sfn,
    postWebhook: async (event: unknown) => {
      const body = JSON.stringify(event);
      const id = `msg_${randomUUID()}`;
      const now = new Date();
      const response = await fetch(`${runtime.apiUrl}/v1/webhooks/generic`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(runtime.webhookSecret).sign(id, now, body),
        },
        body,
      });
      await response.text();
      return response.status;
    },
    mails: async (): Promise<StoredMail[]> => {
      const store = (await (await fetch(`${runtime.inboxUrl}/store`)).json()) as {
        emails: StoredMail[];
      };
      return store.emails;
    },
    faultCounts: async (): Promise<Record<string, number>> =>
      (await (await fetch(`${runtime.inboxUrl}/_local/faults`)).json()) as Record<string, number>,
    items: (): Promise<Record<string, unknown>[]> => scanTable(documents, runtime.tableName),
  };
};

export type RuntimeClient = ReturnType<typeof clientOf>;

/** Runs `work` over `items`, at most `limit` at a time. */
export const inBatches = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>
): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) {
    results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  }
  return results;
};
