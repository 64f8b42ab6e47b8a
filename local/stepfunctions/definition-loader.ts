import { readFile } from 'node:fs/promises';

/**
 * Loads an ASL file the way CloudFormation does (`${Name}` substitution), then adapts a
 * copy for the interpreter (aws-local-stepfunctions), whose behaviour differs from AWS
 * in the ways listed in ../shared/reference/local-runtime-notes.md:
 * - a Task without a timeout times out after 60 s locally, not ~1 year: give it the
 *   longest timer Node can hold;
 * - timers above 2^31-1 ms fire at once in Node: clamp static durations;
 * - TimeoutSecondsPath is read from the processed input, and HeartbeatSeconds(Path) is not
 *   implemented: wrap Parameters so the override sees the paths' values and the
 *   original parameters apart (TaskRunner unwraps them).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The longest timer Node can hold, in seconds (2^31-1 ms, about 24.8 days). */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
export const WRAPPED_PARAMETERS = '__otklikParameters';
export const WRAPPED_TIMEOUT = '__otklikTimeoutSeconds';
export const WRAPPED_HEARTBEAT = '__otklikHeartbeatSeconds';

export class MissingSubstitutionError extends Error {
  override name = 'MissingSubstitutionError';
}

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fills `${Name}` placeholders; a placeholder without a value is an error, as in CloudFormation. */
export const substitute = (text: string, substitutions: Readonly<Record<string, string>>): string =>
  text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, key: string) => {
    const value = substitutions[key];
    if (value === undefined) throw new MissingSubstitutionError(`no substitution for \${${key}}`);
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });

export const placeholdersIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? '')),
];

export const loadDefinition = async (
  file: string,
  substitutions: Readonly<Record<string, string>>
): Promise<JsonObject> => {
  const parsed: unknown = JSON.parse(substitute(await readFile(file, 'utf8'), substitutions));
  if (!isJsonObject(parsed) || !isJsonObject(parsed.States)) {
    throw new Error(`${file} is not a state machine definition`);
  }
  return parsed;
};

const adaptTask = (state: JsonObject): JsonObject => {
  const adapted: JsonObject = { ...state };
  const { TimeoutSeconds, TimeoutSecondsPath, HeartbeatSeconds, HeartbeatSecondsPath } = state;
  if (typeof TimeoutSeconds === 'number') {
    adapted.TimeoutSeconds = Math.min(TimeoutSeconds, MAX_TIMER_SECONDS);
  } else if (TimeoutSecondsPath === undefined) {
    adapted.TimeoutSeconds = MAX_TIMER_SECONDS;
  }
  if (
    TimeoutSecondsPath === undefined &&
    HeartbeatSeconds === undefined &&
    HeartbeatSecondsPath === undefined
  ) {
    return adapted;
  }
  const wrapped: JsonObject =
    state.Parameters === undefined
      ? { [`${WRAPPED_PARAMETERS}.$`]: '$' }
      : { [WRAPPED_PARAMETERS]: state.Parameters };
  if (typeof TimeoutSecondsPath === 'string') {
    wrapped[`${WRAPPED_TIMEOUT}.$`] = TimeoutSecondsPath;
    adapted.TimeoutSecondsPath = `$.${WRAPPED_TIMEOUT}`;
  }
  if (typeof HeartbeatSecondsPath === 'string')
    wrapped[`${WRAPPED_HEARTBEAT}.$`] = HeartbeatSecondsPath;
  if (typeof HeartbeatSeconds === 'number') wrapped[WRAPPED_HEARTBEAT] = HeartbeatSeconds;
  delete adapted.HeartbeatSeconds;
  delete adapted.HeartbeatSecondsPath;
  adapted.Parameters = wrapped;
  return adapted;
};

const adaptStates = (states: JsonObject): JsonObject =>
  Object.fromEntries(
    Object.entries(states).map(([name, state]): [string, Json] => {
      if (!isJsonObject(state)) return [name, state];
      let adapted: JsonObject = { ...state };
      if (state.Type === 'Task') adapted = adaptTask(state);
      if (state.Type === 'Wait' && typeof state.Seconds === 'number') {
        adapted.Seconds = Math.min(state.Seconds, MAX_TIMER_SECONDS);
      }
      if (Array.isArray(state.Branches)) {
        adapted.Branches = state.Branches.map((branch) =>
          isJsonObject(branch) ? adaptMachine(branch) : branch
        );
      }
      for (const key of ['Iterator', 'ItemProcessor'] as const) {
        const inner = state[key];
        if (isJsonObject(inner)) adapted[key] = adaptMachine(inner);
      }
      return [name, adapted];
    })
  );

/** The copy the interpreter runs; the original stays what DescribeStateMachine returns. */
export const adaptMachine = (definition: JsonObject): JsonObject => ({
  ...definition,
  States: isJsonObject(definition.States) ? adaptStates(definition.States) : {},
});

/** Every Task state, at any depth (Parallel branches, Map processors), by name. */
export const taskStates = (definition: JsonObject): Map<string, JsonObject> => {
  const found = new Map<string, JsonObject>();
  const walk = (machine: JsonObject) => {
    if (!isJsonObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isJsonObject(state)) continue;
      if (state.Type === 'Task') found.set(name, state);
      if (Array.isArray(state.Branches)) state.Branches.filter(isJsonObject).forEach(walk);
      for (const key of ['Iterator', 'ItemProcessor']) {
        const inner = state[key];
        if (isJsonObject(inner)) walk(inner);
      }
    }
  };
  walk(definition);
  return found;
};
