import type { FunctionId } from './functions.ts';

/**
 * The one route table. The CDK HTTP API creates a route per entry; the local HTTP server
 * matches requests against the same entries and builds the same API Gateway v2 events.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/v1/follow-ups/{id}`, `{proxy+}` for a greedy tail. */
  readonly path: string;
  readonly functionId: FunctionId;
  /**
   * `public`: no authorizer (webhooks check their signature, pages their token);
   * `admin`: the JWT authorizer on AWS, the local admin bearer token locally.
   */
  readonly auth: 'public' | 'admin';
}

export const routeDefinitions: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', functionId: 'GetHealth', auth: 'public' },
  {
    method: 'POST',
    path: '/v1/webhooks/generic',
    functionId: 'ReceiveGenericWebhook',
    auth: 'public',
  },
  {
    method: 'POST',
    path: '/v1/webhooks/{source}',
    functionId: 'ReceiveSourceWebhook',
    auth: 'public',
  },
  { method: 'GET', path: '/r/{token}', functionId: 'ShowRatingPage', auth: 'public' },
  { method: 'HEAD', path: '/r/{token}', functionId: 'ShowRatingPage', auth: 'public' },
  { method: 'POST', path: '/r/{token}', functionId: 'SubmitRating', auth: 'public' },
  { method: 'GET', path: '/u/{token}', functionId: 'ShowOptOutPage', auth: 'public' },
  { method: 'POST', path: '/u/{token}', functionId: 'ConfirmOptOut', auth: 'public' },
  { method: 'GET', path: '/f/{token}', functionId: 'ShowCasePage', auth: 'public' },
  { method: 'POST', path: '/f/{token}', functionId: 'SubmitCasePage', auth: 'public' },
  { method: 'GET', path: '/v1/surveys', functionId: 'ListSurveys', auth: 'admin' },
  { method: 'GET', path: '/v1/metrics/csi', functionId: 'GetCsiMetrics', auth: 'admin' },
  { method: 'GET', path: '/v1/follow-ups', functionId: 'ListFollowUps', auth: 'admin' },
  { method: 'GET', path: '/v1/follow-ups/{id}', functionId: 'GetFollowUp', auth: 'admin' },
  {
    method: 'POST',
    path: '/v1/follow-ups/{id}/assign',
    functionId: 'AssignFollowUp',
    auth: 'admin',
  },
  {
    method: 'POST',
    path: '/v1/follow-ups/{id}/resolve',
    functionId: 'ResolveFollowUp',
    auth: 'admin',
  },
];
