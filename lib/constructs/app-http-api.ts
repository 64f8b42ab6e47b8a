import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
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
  /** OIDC issuer and audience of the JWT authorizer on the `admin` routes. */
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
}

/**
 * The HTTP API: a throttled `$default` stage with access logs, and the routes of the route
 * table (`addRoutes`), the JWT authorizer on every `admin` route. Routes come second because
 * the functions they reach need the API's URL (the links in mail) first.
 */
export class AppHttpApi extends ResourceGroup {
  readonly api: HttpApi;
  private readonly adminAuthorizer: IHttpRouteAuthorizer;
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
    this.adminAuthorizer = new HttpJwtAuthorizer('AdminJwt', props.jwtIssuer, {
      jwtAudience: [props.jwtAudience],
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  /** One route per entry; each function gets one integration, shared by its routes. */
  addRoutes(routes: readonly CatalogueRoute[], functions: AppFunctions): void {
    for (const route of routes) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: this.integrationOf(route.functionId, functions),
        ...(route.auth === 'admin' ? { authorizer: this.adminAuthorizer } : {}),
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
