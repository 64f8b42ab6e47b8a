import { describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '#local/http/api-gateway-event.ts';

const route = {
  method: 'POST',
  path: '/hooks/{source}',
  functionId: 'GetHealth',
  auth: 'public',
} as const;

describe('Local HTTP: API Gateway v2 event', () => {
  it('joins repeated headers, moves cookies out and keeps a form body as text', () => {
    const event = toApiGatewayEvent(
      {
        method: 'POST',
        url: '/hooks/jira?x=1',
        rawHeaders: [
          'Content-Type',
          'application/x-www-form-urlencoded',
          'X-A',
          '1',
          'x-a',
          '2',
          'Cookie',
          'c=3',
        ],
        body: Buffer.from('score=3&comment=%D0%BE%D0%BA'),
        sourceIp: '10.0.0.1',
        host: 'localhost:3000',
      },
      route,
      { source: 'jira' }
    );
    expect(event).toMatchObject({
      routeKey: 'POST /hooks/{source}',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-a': '1,2' },
      cookies: ['c=3'],
      body: 'score=3&comment=%D0%BE%D0%BA',
      isBase64Encoded: false,
      pathParameters: { source: 'jira' },
      queryStringParameters: { x: '1' },
      requestContext: { http: { sourceIp: '10.0.0.1' }, domainName: 'localhost:3000' },
    });
  });

  it('leaves body, query and path parameters out when there are none', () => {
    const event = toApiGatewayEvent(
      {
        method: 'GET',
        url: '/health',
        rawHeaders: [],
        body: Buffer.alloc(0),
        sourceIp: '::1',
        host: 'h',
      },
      { method: 'GET', path: '/health', functionId: 'GetHealth', auth: 'public' },
      {}
    );
    expect(event.body).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });
});
