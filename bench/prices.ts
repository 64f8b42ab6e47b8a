/**
 * AWS list prices the bench's cost model uses: USD, no tax, no free tier, on-demand. The one
 * place they are kept. Taken from ../shared/reference/aws-facts.md (§1), which cites the
 * pages below; `confirmed: false` marks a value that file records as not confirmed against
 * an AWS page ([M]): check those in the AWS Pricing Calculator before budgeting with them.
 */
export const PRICES_AS_OF = '2026-12-01';

export interface RegionPrices {
  /** Step Functions Standard, per state transition. */
  readonly stateTransition: number;
  /** SES outbound, per mail. */
  readonly mail: number;
  /** DynamoDB on-demand, per write request unit. */
  readonly writeUnit: number;
  /** DynamoDB on-demand, per read request unit. */
  readonly readUnit: number;
  /** Lambda, per request. */
  readonly lambdaRequest: number;
  /** Lambda arm64, per GB-second (first tier). */
  readonly lambdaGbSecond: number;
  /** API Gateway HTTP API, per request (first 300M a month). */
  readonly httpRequest: number;
  /** EventBridge Scheduler, per invocation (a one-time schedule firing). */
  readonly schedulerInvocation: number;
}

export type Region = 'us-east-1' | 'eu-central-1';

export interface PriceLine {
  readonly source: string;
  readonly confirmed: Readonly<Record<Region, boolean>>;
}

export const PRICE_SOURCES: Readonly<Record<keyof RegionPrices, PriceLine>> = {
  stateTransition: {
    source: 'https://aws.amazon.com/step-functions/pricing/',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
  mail: {
    source: 'https://aws.amazon.com/ses/pricing/ (and https://aws.amazon.com/ses/faqs/)',
    confirmed: { 'us-east-1': true, 'eu-central-1': true },
  },
  writeUnit: {
    source:
      'https://aws.amazon.com/about-aws/whats-new/2024/11/amazon-dynamo-db-reduces-prices-on-demand-throughput-global-tables/',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
  readUnit: {
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
  lambdaRequest: {
    source: 'https://aws.amazon.com/lambda/pricing/',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
  lambdaGbSecond: {
    source: 'https://aws.amazon.com/lambda/pricing/ (arm64, first tier)',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
  httpRequest: {
    source: 'https://aws.amazon.com/api-gateway/pricing/ (HTTP API)',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
  schedulerInvocation: {
    source:
      'https://aws.amazon.com/eventbridge/pricing/ (Scheduler: $1.00 per million invocations)',
    confirmed: { 'us-east-1': true, 'eu-central-1': false },
  },
};

const PER_THOUSAND = 1 / 1000;
const PER_MILLION = 1 / 1_000_000;

export const PRICES: Readonly<Record<Region, RegionPrices>> = {
  'us-east-1': {
    stateTransition: 0.025 * PER_THOUSAND,
    mail: 0.1 * PER_THOUSAND,
    writeUnit: 0.625 * PER_MILLION,
    readUnit: 0.125 * PER_MILLION,
    lambdaRequest: 0.2 * PER_MILLION,
    lambdaGbSecond: 0.0000133334,
    httpRequest: 1.0 * PER_MILLION,
    schedulerInvocation: 1.0 * PER_MILLION,
  },
  // aws-facts.md: the same as us-east-1 for Step Functions, SES and Lambda; DynamoDB on-demand
  // ≈ half of the old $1.525/M writes and $0.305/M reads; HTTP API ≈ $1.20/M.
  'eu-central-1': {
    stateTransition: 0.025 * PER_THOUSAND,
    mail: 0.1 * PER_THOUSAND,
    writeUnit: 0.7625 * PER_MILLION,
    readUnit: 0.1525 * PER_MILLION,
    lambdaRequest: 0.2 * PER_MILLION,
    lambdaGbSecond: 0.0000133334,
    httpRequest: 1.2 * PER_MILLION,
    schedulerInvocation: 1.0 * PER_MILLION,
  },
};
