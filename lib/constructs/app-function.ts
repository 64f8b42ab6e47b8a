import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { fromRoot } from '../config/paths.ts';
import { acknowledge } from './acknowledge.ts';

export interface AppFunctionProps {
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Environment variables, from lib/definitions/function-environment.ts. */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memoryMb?: number;
}

/**
 * The house Lambda function: Node.js 24 on arm64, an explicit log group with retention,
 * active tracing, JSON logs, and an ESM bundle that carries its own SDK clients (only the
 * ones the handler imports), so a runtime SDK update cannot change behaviour under us.
 */
export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: fromRoot(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      depsLockFilePath: fromRoot('package-lock.json'),
      projectRoot: fromRoot('.'),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        keepNames: true,
        logLevel: LogLevel.WARNING,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Bundle @aws-sdk/* instead of taking the runtime's copy (the default leaves it out).
        externalModules: [],
        // Some bundled CommonJS dependencies call require(); ESM has no require of its own.
        banner:
          "import { createRequire as __otklikCreateRequire } from 'node:module'; const require = __otklikCreateRequire(import.meta.url);",
      },
    });
    acknowledge(this, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'AWSLambdaBasicExecutionRole only lets the function write its own logs; every data permission is a scoped grant.',
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, and the health check ses:GetAccount (the sending status): none supports resource-level scoping.',
    });
  }
}
