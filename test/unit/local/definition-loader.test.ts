import { describe, expect, it } from 'vitest';
import {
  adaptMachine,
  MAX_TIMER_SECONDS,
  MissingSubstitutionError,
  placeholdersIn,
  substitute,
  taskStates,
  WRAPPED_HEARTBEAT,
  WRAPPED_PARAMETERS,
  WRAPPED_TIMEOUT,
} from '#local/stepfunctions/definition-loader.ts';

describe('Local Step Functions: definition loader', () => {
  it('substitutes placeholders JSON-safely and refuses a missing one', () => {
    expect(substitute('{"a":"${A}"}', { A: 'x"y' })).toBe('{"a":"x\\"y"}');
    expect(() => substitute('{"a":"${B}"}', {})).toThrow(MissingSubstitutionError);
    expect(placeholdersIn('${A} ${B} ${A} $.path')).toEqual(['A', 'B']);
  });

  it('gives a Task without timeout the longest timer instead of the interpreter 60 s', () => {
    const adapted = adaptMachine({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'r', End: true } },
    });
    expect(adapted).toMatchObject({ States: { T: { TimeoutSeconds: MAX_TIMER_SECONDS } } });
  });

  it('clamps static durations Node cannot hold, in nested branches too', () => {
    const adapted = adaptMachine({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {
              StartAt: 'W',
              States: {
                W: { Type: 'Wait', Seconds: 40 * 86400, Next: 'T' },
                T: { Type: 'Task', Resource: 'r', TimeoutSeconds: 40 * 86400, End: true },
              },
            },
          ],
        },
      },
    });
    expect(adapted).toMatchObject({
      States: {
        P: {
          Branches: [
            {
              States: {
                W: { Seconds: MAX_TIMER_SECONDS },
                T: { TimeoutSeconds: MAX_TIMER_SECONDS },
              },
            },
          ],
        },
      },
    });
    expect([...taskStates(adapted).keys()]).toEqual(['T']);
  });

  it('wraps Parameters so the task sees timeout and heartbeat values read from the state input', () => {
    const adapted = adaptMachine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'r.waitForTaskToken',
          Parameters: { 'x.$': '$.x' },
          TimeoutSecondsPath: '$.timeout',
          HeartbeatSecondsPath: '$.heartbeat',
          End: true,
        },
      },
    });
    expect(adapted.States).toEqual({
      T: {
        Type: 'Task',
        Resource: 'r.waitForTaskToken',
        Parameters: {
          [WRAPPED_PARAMETERS]: { 'x.$': '$.x' },
          [`${WRAPPED_TIMEOUT}.$`]: '$.timeout',
          [`${WRAPPED_HEARTBEAT}.$`]: '$.heartbeat',
        },
        TimeoutSecondsPath: `$.${WRAPPED_TIMEOUT}`,
        End: true,
      },
    });
  });
});
