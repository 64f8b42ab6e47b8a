import {
  Aws,
  ArnFormat,
  CfnElement,
  CfnOutput,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { fromRoot } from '../config/paths.ts';
import type { Settings } from '../config/settings.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { functionEnvironment } from '../definitions/function-environment.ts';
import {
  functionDefinitions,
  type FunctionDefinition,
  type FunctionId,
} from '../definitions/functions.ts';
import { routeDefinitions } from '../definitions/routes.ts';
import { scheduleDefinitions } from '../definitions/schedules.ts';
import {
  kebabCase,
  workflowDefinitions,
  workflowSubstitutions,
  type ResourceRefs,
  type WorkflowDefinition,
} from '../definitions/workflows.ts';

export interface AppStackProps extends StackProps {
  readonly settings: Settings;
  readonly tableName: string;
  readonly configurationSetName: string;
  readonly webhookSecretName: string;
  readonly sourceCredentialsName: string;
}

const pascalCase = (id: string): string =>
  id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

/**
 * Everything stateless, built from the definitions in lib/definitions: one function per
 * catalogue entry, one state machine per workflow, the HTTP API from the route table,
 * and one EventBridge rule per schedule. Permissions are grants scoped to named resources.
 */
export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const table = TableV2.fromTableName(this, 'Table', props.tableName);
    const logRetention = retentionFor(settings.logRetentionDays);
    const stateMachineName = (workflowId: string) =>
      `otklik-${settings.stage}-${kebabCase(workflowId)}`;
    const functions = new Map<FunctionId, AppFunction>();
    const fn = (fnId: FunctionId): AppFunction => {
      const found = functions.get(fnId);
      if (!found) throw new Error(`unknown function ${fnId}`);
      return found;
    };
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new HttpApi(this, 'HttpApi', {
      apiName: `otklik-${settings.stage}`,
      description: 'otklik: webhooks, survey pages and the admin API',
      createDefaultStage: false,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const webhookSecret = Secret.fromSecretNameV2(this, 'WebhookSecret', props.webhookSecretName);
    const sourceCredentials = Secret.fromSecretNameV2(
      this,
      'SourceCredentials',
      props.sourceCredentialsName
    );
    const refs: ResourceRefs & { stage: string } = {
      stage: settings.stage,
      tableName: table.tableName,
      functionArn: (fnId) => fn(fnId).functionArn,
      // Built from the name, not the construct, so functions and workflows may refer to
      // each other without a dependency cycle.
      stateMachineArn: (workflowId) =>
        this.formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: stateMachineName(workflowId),
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      senderAddress: settings.senderAddress,
      configurationSetName: props.configurationSetName,
      publicBaseUrl: settings.publicBaseUrl ?? api.apiEndpoint,
      csiSettings: JSON.stringify(settings.csiSettings),
      webhookSecretId: props.webhookSecretName,
      sourceCredentialsId: props.sourceCredentialsName,
    };
    const identityArn = this.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: settings.senderAddress.split('@')[1] ?? settings.senderAddress,
    });
    const configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: props.configurationSetName,
    });
    const grantSendEmail = (grantee: IGrantable) => {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['ses:SendEmail'],
          resources: [identityArn, configurationSetArn],
        })
      );
    };

    const definitions: readonly FunctionDefinition[] = functionDefinitions;
    for (const def of definitions) {
      const created = new AppFunction(this, `${def.id}Function`, {
        entry: def.entry,
        description: def.description,
        environment: functionEnvironment(def, refs),
        logRetention,
      });
      functions.set(def.id as FunctionId, created);
      if (def.table) {
        if (def.table === 'readwrite') table.grantReadWriteData(created);
        else table.grantReadData(created);
        // DescribeTable is part of grantReadData; index ARNs end in /index/*.
        Validations.of(created).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${props.tableName}/index/*]`,
          reason:
            "Queries run on the table's own global secondary indexes, named only at run time by the access pattern.",
        });
      }
      if (def.webhookSecret) {
        webhookSecret.grantRead(created);
        Validations.of(created).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${props.webhookSecretName}-??????]`,
          reason:
            'A secret found by name is granted with the six-character suffix AWS appends to every secret ARN.',
        });
      }
      if (def.sourceCredentials) {
        sourceCredentials.grantRead(created);
        Validations.of(created).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${props.sourceCredentialsName}-??????]`,
          reason:
            'A secret found by name is granted with the six-character suffix AWS appends to every secret ARN.',
        });
      }
      if (def.email) {
        grantSendEmail(created);
        created.addToRolePolicy(
          new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })
        );
      }
    }

    const stateMachines = new Map<string, StateMachine>();
    const workflows: readonly WorkflowDefinition[] = workflowDefinitions;
    for (const wf of workflows) {
      const name = stateMachineName(wf.id);
      const logGroup = new LogGroup(this, `${wf.id}Logs`, {
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const machine = new StateMachine(this, `${wf.id}StateMachine`, {
        stateMachineName: name,
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(fromRoot(wf.file)),
        definitionSubstitutions: workflowSubstitutions(wf, refs),
        tracingEnabled: true,
        // Execution data holds emails and comments: kept out of production logs.
        logs: {
          destination: logGroup,
          level: LogLevel.ALL,
          includeExecutionData: settings.stage !== 'prod',
        },
      });
      stateMachines.set(wf.id, machine);
      for (const fnId of wf.functions) fn(fnId).grantInvoke(machine);
      if (wf.table === 'readwrite') table.grantReadWriteData(machine);
      new CfnOutput(this, `${wf.id}StateMachineArn`, { value: machine.stateMachineArn });
      const acknowledge = (finding: string, reason: string) => {
        Validations.of(machine).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
      };
      acknowledge(
        'Resource::*',
        'Log delivery and X-Ray actions support no resource-level scoping.'
      );
      for (const fnId of wf.functions) {
        acknowledge(
          `Resource::<${this.logicalIdOf(fn(fnId))}.Arn>:*`,
          'grantInvoke covers the versions and aliases (<Arn>:*) of the one function the workflow invokes.'
        );
      }
      if (wf.table) {
        acknowledge(
          `Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${props.tableName}/index/*`,
          "Direct DynamoDB integrations may query the table's own indexes."
        );
      }
    }

    // Workflow permissions name the state machine by its built ARN, not the construct: a
    // task that answers its own workflow would otherwise make a dependency cycle.
    const workflowActions = {
      start: ['states:StartExecution'],
      read: ['states:DescribeStateMachine'],
      answer: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      inspect: ['states:DescribeExecution'],
    } as const;
    // DescribeExecution is granted on the workflow's executions: `execution:<name>:*`.
    const executionsOf = (workflowId: string) =>
      this.formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${stateMachineName(workflowId)}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        // Pseudo parameters, not the stack's env: the ARN (and cdk-nag's finding id) reads
        // the same whether the synth knows the region or not.
        region: Aws.REGION,
        account: Aws.ACCOUNT_ID,
      });
    for (const def of definitions) {
      const workflows = def.workflows;
      if (!workflows) continue;
      for (const [use, actions] of Object.entries(workflowActions)) {
        const ids = workflows[use as keyof typeof workflowActions] ?? [];
        if (ids.length === 0) continue;
        const grantee = fn(def.id as FunctionId);
        const resources = ids.map((id) =>
          use === 'inspect' ? executionsOf(id) : refs.stateMachineArn(id)
        );
        grantee.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources }));
        if (use !== 'inspect') continue;
        for (const id of ids) {
          Validations.of(grantee).acknowledge({
            id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineName(id)}:*]`,
            reason:
              'Executions are named at run time (one per survey or case): the grant covers the executions of this one workflow.',
          });
        }
      }
    }

    const adminAuthorizer: IHttpRouteAuthorizer = new HttpJwtAuthorizer(
      'AdminJwt',
      settings.jwtIssuer,
      {
        jwtAudience: [settings.jwtAudience],
      }
    );
    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    for (const route of routeDefinitions) {
      let integration = integrations.get(route.functionId);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${route.functionId}Integration`,
          fn(route.functionId)
        );
        integrations.set(route.functionId, integration);
      }
      const [created] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
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
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });

    for (const schedule of scheduleDefinitions) {
      const target =
        schedule.target.kind === 'function'
          ? new LambdaFunction(fn(schedule.target.functionId))
          : (() => {
              const machine = stateMachines.get(schedule.target.workflowId);
              if (!machine) throw new Error(`unknown workflow ${schedule.target.workflowId}`);
              return new SfnStateMachine(machine, {
                input: RuleTargetInput.fromObject(schedule.target.input),
              });
            })();
      new Rule(this, `${pascalCase(schedule.id)}Schedule`, {
        description: schedule.description,
        schedule: Schedule.expression(schedule.expression),
        targets: [target],
      });
    }
  }

  /** The logical id cdk-nag prints for a function's ARN in a finding. */
  private logicalIdOf(construct: AppFunction): string {
    const resource = construct.node.defaultChild;
    if (!(resource instanceof CfnElement))
      throw new Error('function without a CloudFormation resource');
    return this.getLogicalId(resource);
  }
}

const retentionFor = (days: number): RetentionDays => {
  const allowed = Object.values(RetentionDays).filter(
    (v): v is RetentionDays => typeof v === 'number'
  );
  // RetentionDays is a numeric enum: its members compare as the day counts they are.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison
  const match = allowed.filter((v) => v >= days).sort((a, b) => a - b)[0];
  return match ?? RetentionDays.INFINITE;
};
