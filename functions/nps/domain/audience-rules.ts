/**
 * Who a campaign asks: every person with at least one resolved ticket in the quarter, once,
 * attributed to the business unit of their last resolved ticket, with every service they
 * used; or excluded, with one reason recorded and counted.
 *
 * When several reasons apply, the first of EXCLUSION_REASONS wins. The order goes from "not
 * in the surveyed population at all" to "in it, but not mailed this time":
 *   1. ssc-staff               the SSC's own people (an agent on tickets, a staff domain or
 *                              address) are not its customers;
 *   2. excluded-business-unit  a unit left out by configuration (the person's unit is their
 *                              last ticket's, so that unit decides);
 *   3. opted-out               the person's own choice;
 *   4. complained              a spam complaint: the person's choice too, and a risk to the
 *                              sender's reputation;
 *   5. bounced                 mail to them does not arrive;
 *   6. no-email                no address to mail;
 *   7. recent-csi-mail         a CSI mail within the contact policy's window, if it says so
 *                              (the one reason that changes from one week to the next).
 * So the figures read as a funnel: the population (all but 1–2), those who can be asked
 * (all but 1–6), those mailed.
 */
export const EXCLUSION_REASONS = [
  'ssc-staff',
  'excluded-business-unit',
  'opted-out',
  'complained',
  'bounced',
  'no-email',
  'recent-csi-mail',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface QuarterResolution {
  readonly ticketId: string;
  /** The registered unit's id (or the intake's `unassigned`). */
  readonly businessUnit: string;
  readonly service?: string | undefined;
  /** ISO-8601. */
  readonly resolvedAt: string;
  /** The intake saw the requester act as an SSC agent (on this or another ticket). */
  readonly requesterIsAgent?: boolean | undefined;
}

export interface AudienceCandidate {
  /** The person's key (the hash of their address), as the person item has it. */
  readonly personKey: string;
  readonly email?: string | undefined;
  readonly resolutions: readonly QuarterResolution[];
  readonly optedOut?: boolean | undefined;
  readonly complained?: boolean | undefined;
  readonly bounced?: boolean | undefined;
  /** The last CSI mail to the person (ISO-8601). */
  readonly lastCsiMailAt?: string | undefined;
}

export interface AudiencePolicy {
  /** Addresses of the agents seen on tickets (any case). */
  readonly agentAddresses: ReadonlySet<string>;
  /** Staff address domains; a domain also covers its subdomains. */
  readonly staffDomains: readonly string[];
  /** Staff addresses listed one by one. */
  readonly staffAddresses: readonly string[];
  readonly excludedBusinessUnits: readonly string[];
  /** Exclude a person with a CSI mail this recent (seconds); undefined: no such rule. */
  readonly skipAfterCsiMailSeconds?: number | undefined;
}

export type AudienceEntry =
  | {
      readonly kind: 'included';
      readonly personKey: string;
      readonly email: string;
      readonly businessUnit: string;
      /** Distinct, sorted. */
      readonly services: readonly string[];
      /** The last resolved ticket, which gave the unit. */
      readonly lastTicketId: string;
      readonly lastResolvedAt: string;
      readonly tickets: number;
    }
  | {
      readonly kind: 'excluded';
      readonly personKey: string;
      readonly reason: ExclusionReason;
      readonly businessUnit: string;
    };

const normalized = (address: string) => address.trim().toLowerCase();
const addressOf = (candidate: AudienceCandidate): string | undefined => {
  const email = candidate.email?.trim();
  return email ? email : undefined;
};

const isStaff = (candidate: AudienceCandidate, policy: AudiencePolicy): boolean => {
  if (candidate.resolutions.some((r) => r.requesterIsAgent === true)) return true;
  const email = addressOf(candidate);
  if (email === undefined) return false;
  const address = normalized(email);
  if (policy.agentAddresses.has(address)) return true;
  if (policy.staffAddresses.some((listed) => normalized(listed) === address)) return true;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return policy.staffDomains.some((staff) => {
    const d = normalized(staff).replace(/^@/, '');
    return domain === d || domain.endsWith(`.${d}`);
  });
};

/** The last resolution: the latest resolvedAt; at the same instant, the greatest ticket id. */
const lastOf = (resolutions: readonly QuarterResolution[]): QuarterResolution | undefined =>
  resolutions.reduce<QuarterResolution | undefined>((last, r) => {
    if (!last) return r;
    const byTime = Date.parse(r.resolvedAt) - Date.parse(last.resolvedAt);
    return byTime > 0 || (byTime === 0 && r.ticketId > last.ticketId) ? r : last;
  }, undefined);

const reasonFor = (
  candidate: AudienceCandidate,
  unit: string,
  policy: AudiencePolicy,
  now: Date
): ExclusionReason | undefined => {
  if (isStaff(candidate, policy)) return 'ssc-staff';
  if (policy.excludedBusinessUnits.includes(unit)) return 'excluded-business-unit';
  if (candidate.optedOut) return 'opted-out';
  if (candidate.complained) return 'complained';
  if (candidate.bounced) return 'bounced';
  if (addressOf(candidate) === undefined) return 'no-email';
  const window = policy.skipAfterCsiMailSeconds;
  if (window !== undefined && window > 0 && candidate.lastCsiMailAt !== undefined) {
    const since = now.getTime() - Date.parse(candidate.lastCsiMailAt);
    if (since < window * 1000) return 'recent-csi-mail';
  }
  return undefined;
};

/** One person's entry; undefined for a person with no resolution (not in the audience at all). */
export const audienceEntry = (
  candidate: AudienceCandidate,
  policy: AudiencePolicy,
  now: Date
): AudienceEntry | undefined => {
  const last = lastOf(candidate.resolutions);
  if (!last) return undefined;
  const reason = reasonFor(candidate, last.businessUnit, policy, now);
  const email = addressOf(candidate);
  if (reason || email === undefined) {
    return {
      kind: 'excluded',
      personKey: candidate.personKey,
      reason: reason ?? 'no-email',
      businessUnit: last.businessUnit,
    };
  }
  const services = [
    ...new Set(candidate.resolutions.flatMap((r) => (r.service ? [r.service] : []))),
  ].sort();
  return {
    kind: 'included',
    personKey: candidate.personKey,
    email,
    businessUnit: last.businessUnit,
    services,
    lastTicketId: last.ticketId,
    lastResolvedAt: last.resolvedAt,
    tickets: new Set(candidate.resolutions.map((r) => r.ticketId)).size,
  };
};

export interface Audience {
  readonly entries: readonly AudienceEntry[];
  readonly included: number;
  readonly excluded: Readonly<Record<ExclusionReason, number>>;
  /** Included people per business unit. */
  readonly byBusinessUnit: Readonly<Record<string, number>>;
}

/**
 * The audience of the quarter: candidates with the same key are one person (their
 * resolutions together, the first record's facts), each decided once, and the counts.
 */
export const buildAudience = (
  candidates: readonly AudienceCandidate[],
  policy: AudiencePolicy,
  now: Date
): Audience => {
  const people = new Map<string, AudienceCandidate>();
  for (const candidate of candidates) {
    const known = people.get(candidate.personKey);
    people.set(
      candidate.personKey,
      known
        ? { ...known, resolutions: [...known.resolutions, ...candidate.resolutions] }
        : candidate
    );
  }
  const entries = [...people.values()].flatMap((person) => {
    const entry = audienceEntry(person, policy, now);
    return entry ? [entry] : [];
  });
  const excluded = new Map<ExclusionReason, number>(EXCLUSION_REASONS.map((r) => [r, 0]));
  const byBusinessUnit = new Map<string, number>();
  let included = 0;
  for (const entry of entries) {
    if (entry.kind === 'excluded') {
      excluded.set(entry.reason, (excluded.get(entry.reason) ?? 0) + 1);
    } else {
      included += 1;
      byBusinessUnit.set(entry.businessUnit, (byBusinessUnit.get(entry.businessUnit) ?? 0) + 1);
    }
  }
  const count = (reason: ExclusionReason) => excluded.get(reason) ?? 0;
  return {
    entries,
    included,
    excluded: {
      'ssc-staff': count('ssc-staff'),
      'excluded-business-unit': count('excluded-business-unit'),
      'opted-out': count('opted-out'),
      complained: count('complained'),
      bounced: count('bounced'),
      'no-email': count('no-email'),
      'recent-csi-mail': count('recent-csi-mail'),
    },
    byBusinessUnit: Object.fromEntries(byBusinessUnit),
  };
};
