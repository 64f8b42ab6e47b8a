import { z } from 'zod';

/**
 * The CSI counters of one day × business unit × service. They change only inside the
 * transaction that changes what they count (a send, a response, a case), so retries,
 * double submits and changed scores keep them equal to a recount. The day is the
 * resolution day of the survey's ticket: one cohort, so rated / sent is a response rate.
 */
export const COUNTERS = [
  'sent',
  'rated',
  'scoreSum',
  'd1',
  'd2',
  'd3',
  'd4',
  'd5',
  'clicks',
  'followUpsOpened',
  'followUpsResolved',
  // Inferred ratings (a click promoted with no confirmation, docs/rating.md), kept apart
  // from the confirmed ones above: how many, their sum and distribution.
  'inferred',
  'inferredScoreSum',
  'i1',
  'i2',
  'i3',
  'i4',
  'i5',
  /** Surveys that closed with score clicks, every one of them taken for a scanner's. */
  'scannerRejected',
] as const;
export type Counter = (typeof COUNTERS)[number];

export const scoreCounter = (score: number): Counter => {
  const counter = `d${score}`;
  if (
    counter === 'd1' ||
    counter === 'd2' ||
    counter === 'd3' ||
    counter === 'd4' ||
    counter === 'd5'
  )
    return counter;
  throw new RangeError(`score out of range: ${score}`);
};

export const inferredCounter = (score: number): Counter => {
  const counter = `i${score}`;
  if (
    counter === 'i1' ||
    counter === 'i2' ||
    counter === 'i3' ||
    counter === 'i4' ||
    counter === 'i5'
  )
    return counter;
  throw new RangeError(`score out of range: ${score}`);
};

export interface AggregateTarget {
  readonly aggregateDay: string;
  readonly aggregateDimension: string;
  /** The unit as the ticket system sent it: the aggregate keeps its latest name. */
  readonly businessUnitRaw?: { id?: string | undefined; name: string } | undefined;
  readonly service?: { id?: string | undefined; name: string } | undefined;
}

const counter = z.number().default(0);

/** An aggregate as stored: its day and dimension (key parts), the latest names, the counters. */
export const aggregateSchema = z.object({
  day: z.string(),
  dimension: z.string(),
  businessUnitName: z.string(),
  serviceName: z.string(),
  sent: counter,
  rated: counter,
  scoreSum: counter,
  d1: counter,
  d2: counter,
  d3: counter,
  d4: counter,
  d5: counter,
  clicks: counter,
  followUpsOpened: counter,
  followUpsResolved: counter,
  inferred: counter,
  inferredScoreSum: counter,
  i1: counter,
  i2: counter,
  i3: counter,
  i4: counter,
  i5: counter,
  scannerRejected: counter,
} satisfies Record<Counter, unknown> & Record<string, z.ZodType>);
export type AggregateItem = z.infer<typeof aggregateSchema>;
