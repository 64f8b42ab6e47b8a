import { spawnSync } from 'node:child_process';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
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
 * active tracing, JSON logs, and an ESM bundle built by lib/bundling/function-bundle.ts
 * (DEPLOYED_BUNDLE: zod shaken to what the handler uses, the AWS SDK from the runtime, the
 * source map kept next to the bundle but not loaded at init; docs/architecture.md, "Bundles").
 */
export class AppFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      code: bundledCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      // No NODE_OPTIONS=--enable-source-maps: it made Node read and parse the map on every
      // cold start (DEPLOYED_BUNDLE.sourceMap); the map ships in the asset for offline reading.
      environment: props.environment,
    });
    acknowledge(this, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'AWSLambdaBasicExecutionRole only lets the function write its own logs; every data permission is a scoped grant.',
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, and the health check ses:GetAccount (the sending status): none supports resource-level scoping.',
    });
  }
}

/**
 * The function's code: lib/bundling/bundle-cli.ts run at synth (esbuild with the plugins of
 * function-bundle.ts, which NodejsFunction's esbuild command line cannot take). The asset hash
 * is the bundle's, so a change that does not change the bundle deploys nothing.
 */
export const bundledCode = (entry: string): Code => {
  const bundle = (outputDir: string) => ['lib/bundling/bundle-cli.ts', entry, outputDir];
  return Code.fromAsset(fromRoot('.'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always answers (it throws rather than fall back to
      // Docker). The command names the entry, which also keys CDK's cache of bundles.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
      command: ['npx', 'tsx', ...bundle('/asset-output')],
      local: {
        tryBundle(outputDir) {
          const run = spawnSync(fromRoot('node_modules/.bin/tsx'), bundle(outputDir), {
            stdio: 'inherit',
            cwd: fromRoot('.'),
          });
          if (run.status !== 0)
            throw new Error(`bundling ${entry} failed (exit ${String(run.status)})`);
          return true;
        },
      },
    },
  });
};
