/**
 * One route of the HTTP API. The CDK HTTP API creates a route per entry; the local HTTP
 * server matches requests against the same entries and builds the same API Gateway v2
 * events.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface RouteDefinition<FunctionId extends string = string> {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/v1/follow-ups/{id}`, `{proxy+}` for a greedy tail. */
  readonly path: string;
  readonly functionId: FunctionId;
  /**
   * `public`: no authorizer (webhooks check their signature, pages their token);
   * `admin`: the Lambda authorizer (`AuthorizeRequest`: bearer JWT or session cookie) on
   * AWS and locally; locally the scripts' admin token too (docs/sign-in.md).
   */
  readonly auth: 'public' | 'admin';
}
