/**
 * The ticket systems with an adapter of their own (POST /v1/webhooks/{source}): the one
 * list. The adapter registry, the settings' per-source field maps and the credentials
 * secret are all keyed by it, so a new source is added here and the compiler names every
 * place that still lacks it. (The generic webhook is no source: it takes the canonical event.)
 */
export const SOURCES = ['naumen', 'jira', 'zendesk', 'servicenow'] as const;
export type Source = (typeof SOURCES)[number];

export const isSource = (value: string | undefined): value is Source =>
  SOURCES.some((source) => source === value);
