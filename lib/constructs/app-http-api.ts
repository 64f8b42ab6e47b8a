import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { CatalogueRoute, FunctionId } from '../definitions/index.ts';
import type { AppFunctions } from './app-functions.ts';
import { ResourceGroup } from './resource-group.ts';

export interface AppHttpApiProps {
  readonly stage: string;
  readonly logRetention: RetentionDays;
  /** Requests per second before throttling, and the burst above it. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * The catalogue function that authenticates every `admin` route (functions/platform/
 * authorize/): a session cookie or a bearer JWT in, the principal out (docs/sign-in-aws.md).
 */
export const ADMIN_AUTHORIZER: FunctionId = 'AuthorizeRequest';

/**
 * The HTTP API: a throttled `$default` stage with access logs, and the routes of the route
 * table (`addRoutes`), the Lambda authorizer on every `admin` route. Routes come second
 * because the functions they reach, the authorizer among them, need the API's URL first.
 */
export class AppHttpApi extends ResourceGroup {
  readonly api: HttpApi;
  private readonly integrations = new Map<FunctionId, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: AppHttpApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `otklik-${props.stage}`,
      description: 'otklik: webhooks, survey pages and the admin API',
      createDefaultStage: false,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  /** One route per entry; each function gets one integration, shared by its routes. */
  addRoutes(routes: readonly CatalogueRoute[], functions: AppFunctions): void {
    const adminAuthorizer = adminAuthorizerOf(functions);
    for (const route of routes) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: this.integrationOf(route.functionId, functions),
        ...(route.auth === 'admin' ? { authorizer: adminAuthorizer } : {}),
      });
      if (route.auth === 'public' && created) {
        for (const ruleId of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          Validations.of(created).acknowledge({
            id: ruleId,
            reason:
              'Public by design: webhooks authenticate by signature, survey pages by their opaque token, /health reports component status only.',
          });
        }
      }
    }
  }

  private integrationOf(id: FunctionId, functions: AppFunctions): HttpLambdaIntegration {
    let integration = this.integrations.get(id);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${id}Integration`, functions.get(id));
      this.integrations.set(id, integration);
    }
    return integration;
  }
}

/**
 * A REQUEST authorizer, payload 2.0 with simple responses. No identity source: a request
 * may carry a cookie or a bearer token, and the console pages are let through unsigned (the
 * page then sends the person to sign in). No caching: API Gateway caches only by identity
 * source, and a session ends at sign-out, not when a cache entry expires.
 */
const adminAuthorizerOf = (functions: AppFunctions): IHttpRouteAuthorizer =>
  new HttpLambdaAuthorizer('AdminAuthorizer', functions.get(ADMIN_AUTHORIZER), {
    authorizerName: ADMIN_AUTHORIZER,
    responseTypes: [HttpLambdaResponseType.SIMPLE],
    identitySource: [],
    resultsCacheTtl: Duration.seconds(0),
  });
