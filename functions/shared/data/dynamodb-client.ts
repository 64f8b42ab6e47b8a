import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Module-scope clients, created once per container. The endpoint comes from the SDK's
 * own configuration (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL): unset on AWS, the
 * local runtime's DynamoDB Local when run locally.
 */
export const dynamoDbClient = new DynamoDBClient({});

export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
