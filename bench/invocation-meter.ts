import type { LocalFunctions } from '#local/lambda/local-functions.ts';
import type { Invocation } from './cost-model.ts';

/** One metered invocation, and whether the HTTP API made it (an API Gateway v2 event). */
export interface MeteredInvocation extends Invocation {
  readonly http: boolean;
}

export interface InvocationMeter {
  readonly records: () => readonly MeteredInvocation[];
  readonly reset: () => void;
}

const isHttpEvent = (event: unknown): boolean =>
  typeof event === 'object' &&
  event !== null &&
  'requestContext' in event &&
  typeof event.requestContext === 'object' &&
  event.requestContext !== null &&
  'http' in event.requestContext;

/**
 * Meters every invocation of the runtime's functions, in the bench process: the runtime's
 * Step Functions tasks and its HTTP API both call `functions.invoke`, so wrapping that one
 * method on the instance sees every Lambda request, its duration (the handler's wall time
 * here, which includes its waits on DynamoDB, SES and Step Functions as on AWS) and the
 * memory the catalogue gives the function. The local runtime itself is not changed.
 */
export const meterInvocations = (functions: LocalFunctions): InvocationMeter => {
  let records: MeteredInvocation[] = [];
  const invoke = functions.invoke.bind(functions);
  functions.invoke = async (nameOrArn, event) => {
    const definition = functions.resolve(nameOrArn);
    const started = performance.now();
    try {
      return await invoke(nameOrArn, event);
    } finally {
      records.push({
        functionId: definition.id,
        memoryMb: definition.memoryMb ?? 512,
        durationMs: performance.now() - started,
        http: isHttpEvent(event),
      });
    }
  };
  return {
    records: () => records,
    reset: () => {
      records = [];
    },
  };
};
