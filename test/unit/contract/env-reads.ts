/** Which variables a piece of code reads from process.env, and how. */
export interface EnvReads {
  /** Looked up by name: `process.env.X`, `'X' in process.env`, a zod schema's keys. */
  readonly lookedUp: ReadonlySet<string>;
  /**
   * Seen only through an enumeration (`Object.entries(process.env)`, a spread): the code
   * saw them, but which it kept cannot be told from outside.
   */
  readonly enumerated: ReadonlySet<string>;
}

const count = (counts: Map<string, number>, key: string | symbol) => {
  if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
};

/**
 * Runs `load` with process.env replaced by exactly `environment`, behind a Proxy that
 * records every read, and puts the real process.env back afterwards. An enumeration asks
 * each key's descriptor and then its value, a lookup only its value (or `in`): a key read
 * more often than described was looked up.
 */
export const recordEnvReads = async (
  environment: Readonly<Record<string, string>>,
  load: () => Promise<unknown>
): Promise<{ reads: EnvReads; error: unknown }> => {
  const gets = new Map<string, number>();
  const descriptors = new Map<string, number>();
  const has = new Set<string>();
  const real = process.env;
  let error: unknown = undefined;
  process.env = new Proxy(
    { ...environment },
    {
      get: (target, key) => {
        count(gets, key);
        const value: unknown = Reflect.get(target, key);
        return value;
      },
      has: (target, key) => {
        if (typeof key === 'string') has.add(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        count(descriptors, key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    }
  );
  try {
    await load();
  } catch (caught: unknown) {
    error = caught;
  } finally {
    process.env = real;
  }
  const lookedUp = new Set([
    ...has,
    ...[...gets].filter(([key, n]) => n > (descriptors.get(key) ?? 0)).map(([key]) => key),
  ]);
  const enumerated = new Set([...descriptors.keys()].filter((key) => !lookedUp.has(key)));
  return { reads: { lookedUp, enumerated }, error };
};
