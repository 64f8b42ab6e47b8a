/** GET /v1/follow-ups?status=open|overdue|resolved (admin): cases by status, earliest due first. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicFollowUp, followUpSchema } from '#shared/data/follow-up.ts';
import { followUpStatusIndexKey } from '#shared/data/keys.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { followUpsQuerySchema } from './follow-up-api.schema.ts';

const store = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(followUpsQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :status',
      ExpressionAttributeValues: { ':status': followUpStatusIndexKey(query.data.status) },
      Limit: query.data.limit,
    })
  );
  const followUps = (out.Items ?? []).flatMap((item) => {
    const parsed = followUpSchema.safeParse(item);
    return parsed.success ? [publicFollowUp(parsed.data)] : [];
  });
  return jsonResponse(200, { followUps });
};

export const handler = adminHandler(lambdaHandler);
