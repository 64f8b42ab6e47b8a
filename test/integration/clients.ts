import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { inject } from 'vitest';

/** SDK clients pointed at the local runtime by endpoint only, as the handlers are. */
export const runtime = inject('runtime');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const sfn = new SFNClient({ endpoint: runtime.sfnUrl, region: runtime.region, credentials });
export const dynamoDb = new DynamoDBClient({
  endpoint: runtime.dynamoDbUrl,
  region: runtime.region,
  credentials,
});
export const documents = DynamoDBDocumentClient.from(dynamoDb);
