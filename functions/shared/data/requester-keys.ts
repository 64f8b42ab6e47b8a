import { GSI1, type Partition } from './keys.ts';

/**
 * A person's ratings on the lookup index (GSI1), newest first: the response items carry the entry (sparse: a
 * survey without an address has none), keyed by the same hash of the address as the person's
 * profile, never the address. The case page reads the requester's earlier ratings from it.
 *
 * Its own file only because keys.ts was being changed elsewhere at the time; it belongs there
 * (docs/data-model.md lists it with the other keys), and the keys-only-in-keys test names it.
 */
const requesterRatingsKey = (emailHash: string) => `REQUESTER#${emailHash}`;

export const requesterRatingEntry = (emailHash: string, submittedAt: string) => ({
  [GSI1.pk]: requesterRatingsKey(emailHash),
  [GSI1.sk]: submittedAt,
});
export const requesterRatingsPartition = (emailHash: string): Partition => ({
  index: GSI1,
  value: requesterRatingsKey(emailHash),
});
