/** GET /v1/surveys?ticketId=…[&source=…] (admin): a ticket's surveys, newest resolution first. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ticketIndexKey } from '#shared/data/keys.ts';
import { publicSurvey, surveySchema } from '#shared/data/survey.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { surveysQuerySchema } from './csi-api.schema.ts';

const store = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(surveysQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: query.data.source
        ? 'gsi1pk = :ticket AND begins_with(gsi1sk, :source)'
        : 'gsi1pk = :ticket',
      ExpressionAttributeValues: {
        ':ticket': ticketIndexKey(query.data.ticketId),
        ...(query.data.source ? { ':source': `${query.data.source}#` } : {}),
      },
      ScanIndexForward: false,
    })
  );
  const surveys = (out.Items ?? []).flatMap((item) => {
    const parsed = surveySchema.safeParse(item);
    return parsed.success ? [publicSurvey(parsed.data)] : [];
  });
  return jsonResponse(200, { surveys });
};

export const handler = adminHandler(lambdaHandler);
