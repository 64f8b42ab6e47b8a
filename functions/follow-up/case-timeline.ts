import type { CaseEvent } from '#shared/data/case-event.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { emailKey } from '#shared/kernel/tokens.ts';

export type TimelineKind =
  'opened' | 'owner-notified' | 'escalated' | 'in-progress' | 'note' | 'reassigned' | 'resolved';

/** Who did something: a named person, a role (a holder no longer named), an admin, or the system. */
export type Actor =
  | { readonly kind: 'person'; readonly name: string }
  | { readonly kind: 'owner' | 'escalation' | 'admin'; readonly id?: string }
  | { readonly kind: 'system' };

export interface TimelineEntry {
  readonly at: string;
  readonly kind: TimelineKind;
  readonly by: Actor;
  readonly text?: string | undefined;
  readonly toName?: string | undefined;
}

/**
 * The name behind a `by` (a link holder `owner:<hash>` / `escalation:<hash>`, or an admin's
 * identity): the case's current owner or escalation contact, or an owner a reassignment
 * named; else the role alone. Addresses are never stored with an event, only their hashes.
 */
export const actorOf = (
  followUp: Pick<FollowUp, 'owner' | 'escalation'>,
  events: readonly CaseEvent[],
  by: string | undefined
): Actor => {
  if (!by) return { kind: 'system' };
  const [role, hash] = by.split(':');
  if ((role === 'owner' || role === 'escalation') && hash) {
    if (hash === emailKey(followUp.owner.email))
      return { kind: 'person', name: followUp.owner.name };
    if (hash === emailKey(followUp.escalation.email))
      return { kind: 'person', name: followUp.escalation.name };
    const named = events.find((e) => e.kind === 'reassigned' && e.toEmailHash === hash);
    return named?.toName ? { kind: 'person', name: named.toName } : { kind: role };
  }
  return { kind: 'admin', id: by };
};

/**
 * A case's timeline, earliest first: what its own fields record (opened, owner notified,
 * escalated, resolved) and its events (in progress, notes, reassignments).
 */
export const caseTimeline = (followUp: FollowUp, events: readonly CaseEvent[]): TimelineEntry[] => {
  const system: Actor = { kind: 'system' };
  const entries: TimelineEntry[] = [{ at: followUp.openedAt, kind: 'opened', by: system }];
  if (followUp.ownerNotifiedAt)
    entries.push({
      at: followUp.ownerNotifiedAt,
      kind: 'owner-notified',
      by: system,
      toName: followUp.owner.name,
    });
  if (followUp.escalatedAt)
    entries.push({ at: followUp.escalatedAt, kind: 'escalated', by: system });
  for (const event of events) {
    entries.push({
      at: event.at,
      kind: event.kind,
      by: actorOf(followUp, events, event.by),
      text: event.text,
      toName: event.toName,
    });
  }
  if (followUp.resolvedAt)
    entries.push({
      at: followUp.resolvedAt,
      kind: 'resolved',
      by: actorOf(followUp, events, followUp.resolvedBy),
    });
  // A stable sort: entries of the same moment keep the order above (opened before notified).
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
};
