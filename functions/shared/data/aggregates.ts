import { z } from 'zod';
import { csiAggregateKey } from './keys.ts';

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

export interface AggregateTarget {
  readonly aggregateDay: string;
  readonly aggregateDimension: string;
  readonly businessUnit?: { id?: string | undefined; name: string } | undefined;
  readonly service?: { id?: string | undefined; name: string } | undefined;
}

/** A TransactWrite Update item that adds to counters (zero changes are left out). */
export const aggregateUpdate = (
  tableName: string,
  target: AggregateTarget,
  changes: Partial<Record<Counter, number>>
) => {
  const entries = Object.entries(changes).filter(([, v]) => v !== 0);
  const names: Record<string, string> = { '#day': 'day' };
  const values: Record<string, unknown> = {
    ':day': target.aggregateDay,
    ':dimension': target.aggregateDimension,
    ':bu': target.businessUnit?.name ?? '-',
    ':service': target.service?.name ?? '-',
  };
  const adds = entries.map(([counter, amount], i) => {
    names[`#c${i}`] = counter;
    values[`:v${i}`] = amount;
    return `#c${i} :v${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: csiAggregateKey(target.aggregateDay, target.aggregateDimension),
      UpdateExpression: `SET #day = :day, dimension = :dimension, businessUnitName = :bu, serviceName = :service${
        adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''
      }`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

export const aggregateSchema = z.object({
  day: z.string(),
  dimension: z.string(),
  businessUnitName: z.string(),
  serviceName: z.string(),
  ...Object.fromEntries(COUNTERS.map((c) => [c, z.number().default(0)])),
});
export type AggregateItem = {
  day: string;
  dimension: string;
  businessUnitName: string;
  serviceName: string;
} & Record<Counter, number>;
