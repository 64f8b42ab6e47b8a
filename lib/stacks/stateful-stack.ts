import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { acknowledge } from '../constructs/acknowledge.ts';
import { SignInUserPool } from '../constructs/sign-in-user-pool.ts';
import type { Construct } from 'constructs';
import type { Settings } from '../config/settings.ts';
import { SOURCES } from '#shared/kernel/sources.ts';
import { tableNameFor, tableSchema, type IndexProjection } from '../config/table-schema.ts';

const projectionOf = (projection: IndexProjection) =>
  projection.type === 'KEYS_ONLY'
    ? { projectionType: ProjectionType.KEYS_ONLY }
    : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection.attributes] };

export const configurationSetNameFor = (stage: string): string => `otklik-${stage}`;
export const webhookSecretNameFor = (stage: string): string => `otklik/${stage}/webhook-secret`;
export const sourceCredentialsNameFor = (stage: string): string =>
  `otklik/${stage}/source-credentials`;

export interface StatefulStackProps extends StackProps {
  readonly settings: Settings;
}

/**
 * What holds data and outlives deployments: the table (retained, deletion-protected,
 * point-in-time recovery), the SES configuration set, the secrets, and the Cognito user pool
 * of the people who sign in (unless an external issuer signs them in). Stateless stacks take
 * references to these through props.
 */
export class StatefulStack extends Stack {
  /** Plain names, not tokens: the stateless stacks look the resources up by name, so the
   * two lifecycles stay apart (no CloudFormation export pins the table). */
  readonly tableName: string;
  readonly configurationSetName: string;
  readonly webhookSecretName: string;
  readonly sourceCredentialsName: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const attributeType = (type: 'S' | 'N') =>
      type === 'S' ? AttributeType.STRING : AttributeType.NUMBER;
    new TableV2(this, 'Table', {
      tableName: tableNameFor(props.settings.stage),
      partitionKey: {
        name: tableSchema.partitionKey.name,
        type: attributeType(tableSchema.partitionKey.type),
      },
      sortKey: { name: tableSchema.sortKey.name, type: attributeType(tableSchema.sortKey.type) },
      globalSecondaryIndexes: tableSchema.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: {
          name: index.partitionKey.name,
          type: attributeType(index.partitionKey.type),
        },
        sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) },
        ...projectionOf(index.projection),
      })),
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.tableName = tableNameFor(props.settings.stage);

    new ConfigurationSet(this, 'MailConfiguration', {
      configurationSetName: configurationSetNameFor(props.settings.stage),
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetName = configurationSetNameFor(props.settings.stage);

    // The Standard Webhooks secret the ticket systems sign with. Generated once (44
    // alphanumeric characters are valid base64); senders use it as `whsec_<value>`.
    // To rotate, store "<new> <old>" (both accepted), move the senders, then "<new>".
    this.webhookSecretName = webhookSecretNameFor(props.settings.stage);
    const secret = new Secret(this, 'WebhookSecret', {
      secretName: this.webhookSecretName,
      description: 'otklik: Standard Webhooks signing secret(s), space-separated',
      generateSecretString: { passwordLength: 44, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The ticket systems' own secrets and bearer tokens (docs/integrations/): empty until an
    // administrator connects a system, so an unconnected source answers 401.
    this.sourceCredentialsName = sourceCredentialsNameFor(props.settings.stage);
    const sourceCredentials = new Secret(this, 'SourceCredentials', {
      secretName: this.sourceCredentialsName,
      description: 'otklik: per ticket system, signing secrets and bearer tokens (JSON)',
      generateSecretString: {
        // Keyed by the one list of sources; its order keeps the template unchanged.
        secretStringTemplate: JSON.stringify(
          Object.fromEntries(SOURCES.map((source) => [source, { secrets: [], bearerTokens: [] }]))
        ),
        generateStringKey: 'unused',
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(sourceCredentials, {
      'AwsSolutions-SMG4':
        'Each ticket system holds its own copy of its secret: rotation is an operator procedure (two values are accepted at once).',
    });
    // The people who sign in, unless an external issuer does (docs/sign-in-aws.md).
    if (props.settings.oidc.issuer === undefined) {
      new SignInUserPool(this, 'SignIn', {
        stage: props.settings.stage,
        domainPrefix: props.settings.oidc.domainPrefix ?? `otklik-${props.settings.stage}`,
      });
    }
    acknowledge(secret, {
      'AwsSolutions-SMG4':
        'Rotation needs the ticket systems to change their secret too: it is an operator procedure (two secrets are accepted at once), not a Lambda rotation.',
    });
  }
}
