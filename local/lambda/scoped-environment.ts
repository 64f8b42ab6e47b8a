/**
 * The environment one function's handler module is imported with. Handlers read their
 * environment at module scope, once per cold start (functions/shared/env.ts), and never
 * again; so the local runtime, which runs every handler in one process, sets a function's
 * variables only while it imports that function's module.
 */
export interface ScopedEnvironment {
  /** The function's declared variables (functionEnvironment), set for the import. */
  readonly declared: Readonly<Record<string, string>>;
  /** Its optional tuning variables: left as the runtime's own environment has them. */
  readonly passedOn: ReadonlySet<string>;
  /** Every application variable of the catalogue: absent during the import unless declared. */
  readonly applicationVariables: ReadonlySet<string>;
}

/**
 * Runs `load` with process.env holding, of the application variables, exactly those the
 * function declares; everything else in the process (the runtime's own variables: the SDK
 * endpoints AWS_ENDPOINT_URL_*, region, credentials, POWERTOOLS_*) stays as it is, because
 * other parts of the process read those while the import runs. Restored afterwards.
 * Callers run one scoped import at a time.
 */
export const withScopedEnvironment = async <T>(
  scope: ScopedEnvironment,
  load: () => Promise<T>
): Promise<T> => {
  const names = [...scope.applicationVariables, ...Object.keys(scope.declared)].filter(
    (name) => !scope.passedOn.has(name)
  );
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  for (const name of saved.keys()) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, scope.declared);
  try {
    return await load();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
};
