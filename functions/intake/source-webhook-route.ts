import { jsonResponse } from '#shared/http/json-response.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { ingestTicketEvent, type IngestDeps } from './ingest-ticket-event.service.ts';
import type { SourceCredentials } from './source-credentials.ts';
import { canonicalOf } from './sources/canonical-of.ts';
import type { SourceAdapter } from './sources/source-adapter.ts';
import type { WebhookRoute } from './webhook-pipeline.ts';
import { outcomeResponse } from './webhook-response.ts';
import type { Verified } from './webhook-signature.ts';

export interface SourceRouteDeps {
  readonly ingest: IngestDeps;
  readonly settings: CsiSettings;
  /** Every source's credentials (cached by Powertools Parameters). */
  readonly credentials: () => Promise<SourceCredentials>;
}

/**
 * A ticket system's webhook, all of it asked of its adapter: it verifies the delivery with
 * its source's credentials, gives the schema its payload must match, maps the payload to
 * the canonical event and names the delivery; the event is then taken like the generic
 * webhook's.
 */
export const sourceWebhookRoute = (
  adapter: SourceAdapter,
  deps: SourceRouteDeps
): WebhookRoute<Verified, unknown> => ({
  authenticate: async (request) => ({
    signedContent: adapter.verify(request, (await deps.credentials())[adapter.source]),
  }),
  schemaFor: adapter.schemaFor,
  invalidPayload: `not a ${adapter.source} ticket event`,
  accept: async (native, request, _auth, signedHash) => {
    const mapped = canonicalOf(adapter, deps.settings.sources[adapter.source], native);
    if (mapped.kind === 'ignored') return jsonResponse(200, { ignored: mapped.reason });
    const deliveryId = adapter.deliveryIdOf(request, mapped.event);
    return outcomeResponse(
      await ingestTicketEvent(deps.ingest, adapter.source, deliveryId, mapped.event, signedHash)
    );
  },
});
