/**
 * The variables that are no application's: what the Lambda runtime sets, and what Node,
 * the AWS SDK and Powertools read by themselves at import. The contract test ignores reads
 * of these, so no application variable may be named like one (the test checks that too).
 */
const RUNTIME_PREFIXES = [
  // The Lambda runtime and the AWS SDK (region, credentials, endpoints, defaults mode...).
  'AWS_',
  '_AWS_',
  '_X_AMZN_',
  'LAMBDA_',
  // Powertools' configuration; the stack sets POWERTOOLS_SERVICE_NAME and _NAMESPACE.
  'POWERTOOLS_',
  // Node's own (NODE_OPTIONS, NODE_V8_COVERAGE).
  'NODE_',
];
const RUNTIME_NAMES = new Set([
  'TZ',
  'LANG',
  'PATH',
  '_HANDLER',
  // The AWS SDK's lookup of the shared config files (~/.aws), per platform.
  'HOME',
  'USERPROFILE',
  'HOMEPATH',
  'HOMEDRIVE',
  // Powertools Logger's fallbacks for its level and for its `environment` key.
  'LOG_LEVEL',
  'ENVIRONMENT',
  // Node's CommonJS loader asks it on every require (node --watch).
  'WATCH_REPORT_DEPENDENCIES',
]);

export const isRuntimeVariable = (name: string): boolean =>
  RUNTIME_NAMES.has(name) || RUNTIME_PREFIXES.some((prefix) => name.startsWith(prefix));

/**
 * What the Lambda runtime and AppFunction give every function besides its definition's
 * variables: placeholders, enough for the SDK clients and Powertools to construct.
 */
export const runtimePlaceholders = (functionName: string): Record<string, string> => ({
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SESSION_TOKEN: 'test',
  AWS_LAMBDA_FUNCTION_NAME: functionName,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  TZ: ':UTC',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
});
