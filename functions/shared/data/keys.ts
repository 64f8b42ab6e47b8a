/**
 * Key builders for the single table (docs/data-model.md). Every access goes through
 * these, so an item's keys are spelled in one place.
 */
export const surveyKey = (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'SURVEY' });
export const responseKey = (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'RESPONSE' });
export const followUpKey = (followUpId: string) => ({
  pk: `FOLLOWUP#${followUpId}`,
  sk: 'FOLLOWUP',
});
export const tokenKey = (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });
export const personKey = (emailHash: string) => ({ pk: `PERSON#${emailHash}`, sk: 'PROFILE' });
export const deliveryKey = (source: string, deliveryId: string) => ({
  pk: `DELIVERY#${source}#${deliveryId}`,
  sk: 'DELIVERY',
});

/** What we know of a ticket's lifecycle across events (the last reopening). */
export const ticketStateKey = (source: string, ticketId: string) => ({
  pk: `TICKETSTATE#${source}#${ticketId}`,
  sk: 'STATE',
});

/** A ticket's surveys (gsi1); the sort key is `<source>#<resolvedAt>`. */
export const ticketIndexKey = (ticketId: string) => `TICKET#${ticketId}`;
export const surveyStatusIndexKey = (status: string) => `SURVEYSTATUS#${status}`;
export const followUpStatusIndexKey = (status: string) => `FOLLOWUPSTATUS#${status}`;

/** CSI counters per day × business unit × service; one partition per month. */
export const csiAggregateKey = (day: string, dimension: string) => ({
  pk: `AGG#CSI#${day.slice(0, 7)}`,
  sk: `${day.slice(8, 10)}#${dimension}`,
});

/** `<businessUnit>#<service>`, with `-` for a missing one; ids preferred over names. */
export const aggregateDimension = (
  businessUnit: { id?: string | undefined; name: string } | undefined,
  service: { id?: string | undefined; name: string } | undefined
): string => `${dimensionPart(businessUnit)}#${dimensionPart(service)}`;

const dimensionPart = (ref: { id?: string | undefined; name: string } | undefined): string =>
  (ref?.id ?? ref?.name ?? '-').replace(/#/g, '_');

/** Epoch seconds for the TTL attribute. */
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
