/**
 * What a rating says could be better. Shared, not the CSI context's: the rating form offers
 * them and the follow-up case page names them back to the case's owner.
 */
export const REASONS = [
  'speed',
  'quality',
  'communication',
  'rules',
  'business-unit-side',
  'other',
] as const;
export type Reason = (typeof REASONS)[number];
