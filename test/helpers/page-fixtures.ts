import {
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** What the page tests read back from the mocked table (not a test file itself). */
type DocumentStub = AwsClientStub<DynamoDBDocumentClient>;

/**
 * The key of every item a handler wrote: Put items, Update keys, inside transactions or
 * alone. Reads are left out.
 */
export const writtenKeys = (ddb: DocumentStub): { pk: unknown; sk: unknown }[] => {
  const keys: { pk: unknown; sk: unknown }[] = [];
  const add = (item: Record<string, unknown> | undefined) => {
    if (item) keys.push({ pk: item.pk, sk: item.sk });
  };
  for (const call of ddb.commandCalls(TransactWriteCommand)) {
    for (const item of call.args[0].input.TransactItems ?? []) {
      add(item.Put?.Item);
      add(item.Update?.Key);
      add(item.Delete?.Key);
    }
  }
  for (const call of ddb.commandCalls(PutCommand)) add(call.args[0].input.Item);
  for (const call of ddb.commandCalls(UpdateCommand)) add(call.args[0].input.Key);
  return keys;
};
