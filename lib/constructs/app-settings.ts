import { Duration, Stack } from 'aws-cdk-lib';
import {
  Application,
  ConfigurationContent,
  DeploymentStrategy,
  HostedConfiguration,
  JsonSchemaValidator,
  RolloutStrategy,
  type IEnvironment,
} from 'aws-cdk-lib/aws-appconfig';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { settingsJsonSchema } from '#shared/settings/settings-json-schema.ts';
import { settingsSourceValue } from '#shared/settings/settings-location.ts';

export interface AppSettingsProps {
  readonly stage: string;
  /** The first version (CDK context `csiSettings`); later ones are made in AppConfig. */
  readonly settings: CsiSettings;
}

/**
 * The installation's settings in AWS AppConfig: an application, the stage's environment,
 * a freeform hosted configuration profile with a JSON Schema validator made from the zod
 * schema (a bad version is refused before it is deployed), its first version from the CDK
 * context, and an all-at-once deployment strategy. An administrator changes the settings
 * with a new hosted version and a deployment, no redeploy of the stack; the functions read
 * them at each invocation through Powertools Parameters' cache.
 */
export class AppSettings extends Construct {
  readonly application: Application;
  readonly environment: IEnvironment;
  readonly configuration: HostedConfiguration;

  constructor(scope: Construct, id: string, props: AppSettingsProps) {
    super(scope, id);
    this.application = new Application(this, 'Application', {
      applicationName: `otklik-${props.stage}`,
      description: 'otklik: the CSI loop settings (functions/shared/settings)',
    });
    this.environment = this.application.addEnvironment('Environment', {
      environmentName: props.stage,
    });
    // Settings are not traffic: a change is wanted everywhere at once, and a bad one is
    // stopped by the validator, not by a slow rollout.
    const strategy = new DeploymentStrategy(this, 'Strategy', {
      deploymentStrategyName: `otklik-${props.stage}-all-at-once`,
      rolloutStrategy: RolloutStrategy.linear({
        growthFactor: 100,
        deploymentDuration: Duration.minutes(0),
        finalBakeTime: Duration.minutes(0),
      }),
    });
    this.configuration = new HostedConfiguration(this, 'Settings', {
      application: this.application,
      name: 'csi-settings',
      description: 'The CSI loop settings document (functions/shared/settings/csi-settings.ts)',
      content: ConfigurationContent.fromInlineJson(JSON.stringify(props.settings)),
      validators: [JsonSchemaValidator.fromInline(settingsJsonSchema())],
      deploymentStrategy: strategy,
      deployTo: [this.environment],
    });
  }

  /** SETTINGS_SOURCE of the functions that declare `settings`. */
  get source(): string {
    return settingsSourceValue({
      application: this.application.applicationId,
      environment: this.environment.environmentId,
      profile: this.configuration.configurationProfileId,
    });
  }

  /**
   * Reading this one profile in this one environment (a session, then its polls): no
   * wildcard, so nothing for cdk-nag to acknowledge.
   */
  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
        resources: [
          Stack.of(this).formatArn({
            service: 'appconfig',
            resource: 'application',
            resourceName: `${this.application.applicationId}/environment/${this.environment.environmentId}/configuration/${this.configuration.configurationProfileId}`,
          }),
        ],
      })
    );
  }
}
