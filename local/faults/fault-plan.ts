import type { PartFaults } from './fault-settings.ts';

/** What happens to one call: one failure, or forwarding after which the answer waits. */
export type FaultDecision =
  | { readonly kind: 'throttle' }
  | { readonly kind: '5xx' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'forward'; readonly delayMs: number };

export interface FaultCounts {
  throttle: number;
  '5xx': number;
  reset: number;
  delayed: number;
  forwarded: number;
}

/**
 * Decides call by call from one random source (seeded when the settings say so), and
 * counts what it decided so a run can report the faults it met.
 */
export class FaultPlan {
  readonly counts: FaultCounts = { throttle: 0, '5xx': 0, reset: 0, delayed: 0, forwarded: 0 };

  constructor(
    private readonly faults: PartFaults,
    private readonly random: () => number
  ) {}

  next(): FaultDecision {
    const draw = this.random();
    const { throttle, reset } = this.faults;
    const unavailable = this.faults['5xx'];
    if (draw < throttle) return this.count({ kind: 'throttle' });
    if (draw < throttle + unavailable) return this.count({ kind: '5xx' });
    if (draw < throttle + unavailable + reset) return this.count({ kind: 'reset' });
    const range = this.faults.latencyMs;
    const delayed = range !== undefined && this.random() < this.faults.latencyRate;
    const delayMs =
      range && delayed ? range[0] + Math.floor(this.random() * (range[1] - range[0] + 1)) : 0;
    if (delayMs > 0) this.counts.delayed += 1;
    return this.count({ kind: 'forward', delayMs });
  }

  private count(decision: FaultDecision): FaultDecision {
    if (decision.kind === 'forward') this.counts.forwarded += 1;
    else this.counts[decision.kind] += 1;
    return decision;
  }
}
