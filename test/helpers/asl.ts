import { readFileSync } from 'node:fs';
import { fromRoot } from '#lib/config/paths.ts';
import { isJsonObject, type JsonObject } from '#local/stepfunctions/definition-loader.ts';

/** Every state of a definition at any depth, with the name of the machine it sits in. */
export const allStates = (
  definition: JsonObject
): { name: string; state: JsonObject; siblings: JsonObject }[] => {
  const found: { name: string; state: JsonObject; siblings: JsonObject }[] = [];
  const walk = (machine: JsonObject) => {
    const states = machine.States;
    if (!isJsonObject(states)) return;
    for (const [name, state] of Object.entries(states)) {
      if (!isJsonObject(state)) continue;
      found.push({ name, state, siblings: states });
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

export const readAslText = (file: string): string => readFileSync(fromRoot(file), 'utf8');
