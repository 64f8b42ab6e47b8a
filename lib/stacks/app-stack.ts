import { Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { retentionFor } from '../config/log-retention.ts';
import type { Settings } from '../config/settings.ts';
import { AppFunctions } from '../constructs/app-functions.ts';
import { AppHttpApi } from '../constructs/app-http-api.ts';
import { AppSchedules } from '../constructs/app-schedules.ts';
import { AppSesEvents } from '../constructs/app-ses-events.ts';
import { AppSettings } from '../constructs/app-settings.ts';
import { AppWorkflows } from '../constructs/app-workflows.ts';
import type { MailIdentity, TableAccess } from '../constructs/grants.ts';
import { logicalIdWithoutGroups } from '../constructs/resource-group.ts';
import { ScheduledStarts } from '../constructs/scheduled-starts.ts';
import { WorkflowArns } from '../constructs/workflow-arns.ts';
import { functionEnvironment } from '../definitions/function-environment.ts';
import {
  functionDefinitions,
  routeDefinitions,
  scheduleDefinitions,
  workflowDefinitions,
  type FunctionId,
  type WorkflowId,
} from '../definitions/index.ts';
import type { ResourceRefs } from '../definitions/resource-refs.ts';

export interface AppStackProps extends StackProps {
  readonly settings: Settings;
  readonly tableName: string;
  readonly configurationSetName: string;
  readonly webhookSecretName: string;
  readonly sourceCredentialsName: string;
}

/**
 * Everything stateless, built from the catalogue in lib/definitions: the functions, the
 * workflows, the HTTP API and the schedules, each a construct of lib/constructs. The
 * stateful resources come in by name from the stateful stack.
 */
export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const logRetention = retentionFor(settings.logRetentionDays);
    const table: TableAccess = {
      table: TableV2.fromTableName(this, 'Table', props.tableName),
      tableName: props.tableName,
    };
    const mail: MailIdentity = {
      identityArn: this.formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: settings.senderAddress.split('@')[1] ?? settings.senderAddress,
      }),
      configurationSetArn: this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: props.configurationSetName,
      }),
    };
    const arns = new WorkflowArns(this, settings.stage);
    const scheduledStarts = new ScheduledStarts(this, 'ScheduledStarts', {
      stage: settings.stage,
      definitions: functionDefinitions,
      workflows: arns,
    });
    const api = new AppHttpApi(this, 'Api', {
      stage: settings.stage,
      logRetention,
      rateLimit: settings.apiRateLimit,
      burstLimit: settings.apiBurstLimit,
      jwtIssuer: settings.jwtIssuer,
      jwtAudience: settings.jwtAudience,
    });
    const appSettings = new AppSettings(this, 'Settings', {
      stage: settings.stage,
      settings: settings.csiSettings,
    });
    const refs: ResourceRefs<FunctionId, WorkflowId> & { stage: string } = {
      stage: settings.stage,
      tableName: props.tableName,
      // Asked by the workflows' substitutions, once the functions below exist.
      functionArn: (fnId) => functions.get(fnId).functionArn,
      stateMachineArn: (workflowId) => arns.stateMachine(workflowId),
      senderAddress: settings.senderAddress,
      configurationSetName: props.configurationSetName,
      publicBaseUrl: settings.publicBaseUrl ?? api.api.apiEndpoint,
      settingsSource: appSettings.source,
      webhookSecretId: props.webhookSecretName,
      sourceCredentialsId: props.sourceCredentialsName,
      schedulerRoleArn: scheduledStarts.role.roleArn,
      scheduleGroupName: scheduledStarts.groupName,
      // Stopgap until the Cognito user pool (or the external issuer's settings) is wired.
      oidc: {
        issuer: settings.jwtIssuer,
        clientId: settings.jwtAudience,
        audience: settings.jwtAudience,
        rolesClaim: 'cognito:groups',
        unitsClaim: 'custom:units',
        sessionHours: 8,
      },
    };
    const functions = new AppFunctions(this, 'Functions', {
      definitions: functionDefinitions,
      environmentOf: (definition) => functionEnvironment(definition, refs),
      logRetention,
      table,
      webhookSecret: {
        secret: Secret.fromSecretNameV2(this, 'WebhookSecret', props.webhookSecretName),
        name: props.webhookSecretName,
      },
      sourceCredentials: {
        secret: Secret.fromSecretNameV2(this, 'SourceCredentials', props.sourceCredentialsName),
        name: props.sourceCredentialsName,
      },
      mail,
      workflows: arns,
      scheduledStarts,
      settings: appSettings,
    });
    const workflows = new AppWorkflows(this, 'Workflows', {
      definitions: workflowDefinitions,
      refs,
      functions,
      table,
      mail,
      arns,
      logRetention,
      // Execution data holds emails and comments: kept out of production logs.
      includeExecutionData: settings.stage !== 'prod',
    });
    api.addRoutes(routeDefinitions, functions);
    new AppSchedules(this, 'Schedules', { definitions: scheduleDefinitions, functions, workflows });
    new AppSesEvents(this, 'SesEvents', {
      definitions: functionDefinitions,
      functions,
      configurationSetName: props.configurationSetName,
    });
  }

  /** The ids of the ungrouped layout, so splitting the stack into constructs moved nothing. */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdWithoutGroups(this, element);
  }
}
