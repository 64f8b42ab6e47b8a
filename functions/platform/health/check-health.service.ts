/** One cheap, read-only question to a dependency; it throws (by error name) when unhealthy. */
export type HealthCheck = (signal: AbortSignal) => Promise<unknown>;

export interface HealthDeps {
  /** Component name → its check, in report order. */
  readonly checks: Readonly<Record<string, HealthCheck>>;
  /** How long one component may take to answer. */
  readonly timeoutMs: number;
}

export interface ComponentHealth {
  readonly name: string;
  readonly healthy: boolean;
  /** Why it is unhealthy: an error name, never a message that could echo data. */
  readonly reason?: string;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly components: readonly ComponentHealth[];
}

const probe = async (
  name: string,
  check: HealthCheck,
  timeoutMs: number
): Promise<ComponentHealth> => {
  try {
    await check(AbortSignal.timeout(timeoutMs));
    return { name, healthy: true };
  } catch (error) {
    return { name, healthy: false, reason: error instanceof Error ? error.name : 'UnknownError' };
  }
};

/**
 * Asks every dependency its question, all at once: the table is ACTIVE, the SES account
 * answers (sending status is the deliverability issue's concern), each workflow's state
 * machine exists (health-deps.ts wires them).
 */
export const checkHealth = async (deps: HealthDeps): Promise<HealthReport> => {
  const components = await Promise.all(
    Object.entries(deps.checks).map(([name, check]) => probe(name, check, deps.timeoutMs))
  );
  return { healthy: components.every((c) => c.healthy), components };
};
