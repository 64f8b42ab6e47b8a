import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { isJsonObject, type Json } from './definition-loader.ts';
import { SfnApiError, unknownOperation, validationError } from './errors.ts';
import type { ExecutionRecord, LocalStepFunctions } from './local-step-functions.ts';
import type { TaskTokenRegistry } from './task-tokens.ts';
import { issueLines } from '#shared/kernel/zod-issues.ts';

/**
 * The Step Functions JSON protocol (awsJson1_0: POST /, X-Amz-Target
 * AWSStepFunctions.<Operation>) over the local service, so handlers and tests use
 * @aws-sdk/client-sfn unchanged, by endpoint.
 */
const arn = z.string().min(1).max(2048);
const page = {
  maxResults: z.number().int().min(0).max(1000).optional(),
  nextToken: z.string().optional(),
};
const schemas = {
  StartExecution: z.object({
    stateMachineArn: arn,
    name: z.string().optional(),
    input: z.string().max(262144).optional(),
  }),
  DescribeExecution: z.object({ executionArn: arn }),
  ListExecutions: z.object({
    stateMachineArn: arn,
    statusFilter: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']).optional(),
    ...page,
  }),
  StopExecution: z.object({
    executionArn: arn,
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  GetExecutionHistory: z.object({
    executionArn: arn,
    reverseOrder: z.boolean().optional(),
    includeExecutionData: z.boolean().optional(),
    ...page,
  }),
  SendTaskSuccess: z.object({
    taskToken: z.string().min(1).max(2048),
    output: z.string().max(262144),
  }),
  SendTaskFailure: z.object({
    taskToken: z.string().min(1).max(2048),
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  SendTaskHeartbeat: z.object({ taskToken: z.string().min(1).max(2048) }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  ListStateMachines: z.object({ ...page }),
} as const;
type Operation = keyof typeof schemas;
const isOperation = (op: string): op is Operation => op in schemas;

const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

const paginate = <T>(items: T[], maxResults: number | undefined, nextToken: string | undefined) => {
  const start = nextToken
    ? Number.parseInt(Buffer.from(nextToken, 'base64url').toString(), 10) || 0
    : 0;
  const size = maxResults && maxResults > 0 ? maxResults : 100;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return {
    slice,
    nextToken: more ? Buffer.from(String(start + size)).toString('base64url') : undefined,
  };
};

/** An execution as ListExecutions lists it; DescribeExecution adds its data. */
const summary = (e: ExecutionRecord) => ({
  executionArn: e.executionArn,
  stateMachineArn: e.stateMachineArn,
  name: e.name,
  status: e.status,
  startDate: seconds(e.startDate),
  stopDate: seconds(e.stopDate),
});

const describe = (e: ExecutionRecord) => ({
  ...summary(e),
  input: e.input,
  inputDetails: { included: true },
  output: e.output,
  ...(e.output === undefined ? {} : { outputDetails: { included: true } }),
  error: e.error,
  cause: e.cause,
});

export const handleOperation = async (
  service: LocalStepFunctions,
  tokens: TaskTokenRegistry,
  operation: Operation,
  body: unknown
): Promise<unknown> => {
  const parsed = schemas[operation].safeParse(body);
  if (!parsed.success) {
    throw validationError(issueLines(parsed.error, '').join('; '));
  }
  switch (operation) {
    case 'StartExecution': {
      const p = schemas.StartExecution.parse(body);
      const record = service.startExecution({
        stateMachineArn: p.stateMachineArn,
        name: p.name,
        input: p.input,
      });
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    }
    case 'DescribeExecution':
      return describe(
        service.describeExecution(schemas.DescribeExecution.parse(body).executionArn)
      );
    case 'ListExecutions': {
      const p = schemas.ListExecutions.parse(body);
      const { slice, nextToken } = paginate(
        service.listExecutions(p.stateMachineArn, p.statusFilter),
        p.maxResults,
        p.nextToken
      );
      return {
        executions: slice.map(summary),
        nextToken,
      };
    }
    case 'StopExecution': {
      const p = schemas.StopExecution.parse(body);
      return { stopDate: seconds(await service.stopExecution(p.executionArn, p.error, p.cause)) };
    }
    case 'GetExecutionHistory': {
      const p = schemas.GetExecutionHistory.parse(body);
      const events = [...service.describeExecution(p.executionArn).history];
      if (p.reverseOrder) events.reverse();
      const { slice, nextToken } = paginate(events, p.maxResults, p.nextToken);
      return { events: slice.map((e) => ({ ...e, timestamp: e.timestamp / 1000 })), nextToken };
    }
    case 'SendTaskSuccess': {
      const p = schemas.SendTaskSuccess.parse(body);
      let output: Json;
      try {
        output = JSON.parse(p.output) as Json; // JSON.parse yields JSON values only.
      } catch {
        throw new SfnApiError('InvalidOutput', 'Invalid Output: not valid JSON');
      }
      tokens.succeed(p.taskToken, output);
      return {};
    }
    case 'SendTaskFailure': {
      const p = schemas.SendTaskFailure.parse(body);
      tokens.fail(p.taskToken, p.error, p.cause);
      return {};
    }
    case 'SendTaskHeartbeat':
      tokens.heartbeat(schemas.SendTaskHeartbeat.parse(body).taskToken);
      return {};
    case 'DescribeStateMachine': {
      const m = service.describeStateMachine(
        schemas.DescribeStateMachine.parse(body).stateMachineArn
      );
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: 'ACTIVE',
        definition: JSON.stringify(m.definition),
        roleArn: m.roleArn,
        type: 'STANDARD',
        creationDate: 0,
      };
    }
    case 'ListStateMachines': {
      const p = schemas.ListStateMachines.parse(body);
      const { slice, nextToken } = paginate(service.listStateMachines(), p.maxResults, p.nextToken);
      return {
        stateMachines: slice.map((m) => ({
          stateMachineArn: m.arn,
          name: m.name,
          type: 'STANDARD',
          creationDate: 0,
        })),
        nextToken,
      };
    }
  }
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, status: number, body: unknown, errorType?: string) => {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(JSON.stringify(body));
};

export const createSfnApiServer = (
  service: LocalStepFunctions,
  tokens: TaskTokenRegistry
): Server =>
  createServer((request, response) => {
    void (async () => {
      try {
        const target = request.headers['x-amz-target'];
        const operation =
          typeof target === 'string' ? target.replace(/^AWSStepFunctions\./, '') : '';
        if (request.method !== 'POST' || !isOperation(operation))
          throw unknownOperation(operation || String(request.url));
        const text = await readBody(request);
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          throw new SfnApiError('SerializationException', 'request body is not JSON');
        }
        if (!isJsonObject(body))
          throw new SfnApiError('SerializationException', 'request body is not an object');
        send(response, 200, await handleOperation(service, tokens, operation, body));
      } catch (error) {
        if (error instanceof SfnApiError) {
          send(
            response,
            error.statusCode,
            { __type: error.code, message: error.message },
            error.code
          );
        } else {
          console.error('[stepfunctions] internal error', error);
          send(
            response,
            500,
            { __type: 'InternalFailure', message: 'internal error' },
            'InternalFailure'
          );
        }
      }
    })();
  });
