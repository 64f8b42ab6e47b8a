import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A JSON response with the headers every API answer carries. */
export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {}
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  },
  body: JSON.stringify(body),
});
