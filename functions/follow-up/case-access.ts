import type { CaseLinkHolder } from '#shared/data/token.ts';

/**
 * Who may see the requester's address on the case page: for now the case owner's link
 * holder (who may need to write to them); the escalation contact sees the name only. The
 * one place the roles work extends.
 */
export const mayViewRequesterAddress = (holder: CaseLinkHolder): boolean => holder.role === 'owner';
