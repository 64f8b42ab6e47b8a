/** What the owner of a follow-up case finds went wrong; only the follow-up context uses them. */
export const ROOT_CAUSES = [
  'process',
  'skills',
  'system',
  'rules-policy',
  'communication',
  'business-unit-side',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];
