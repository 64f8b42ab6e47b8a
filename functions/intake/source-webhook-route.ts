import { jsonResponse } from '#shared/http/json-response.ts';
import { ingestTicketEvent, type IngestDeps } from './ingest-ticket-event.service.ts';
import type { SourceCredentials } from './source-credentials.ts';
import { WebhookRejectedError } from './webhook-rejection.ts';
import { canonicalOf } from './sources/canonical-of.ts';
import type { SourceAdapter } from './sources/source-adapter.ts';
import type { WebhookRoute } from './webhook-pipeline.ts';
import { outcomeResponse } from './webhook-response.ts';
import type { Verified } from './webhook-signature.ts';

export interface SourceRouteDeps {
  /** The intake's wiring with the settings in force at this invocation. */
  readonly ingest: () => Promise<IngestDeps>;
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
  authenticate: async (request) => {
    const entry = (await deps.credentials())[adapter.source];
    // Our own configuration, not the sender's fault: a 503 the sender retries once the
    // entry is fixed (source-credentials.ts logged which rule it breaks).
    if (entry.status === 'disabled')
      throw new WebhookRejectedError(
        503,
        `the ${adapter.source} source is disabled: its credentials are being fixed; retry later`
      );
    return { signedContent: adapter.verify(request, entry.credential) };
  },
  schemaFor: adapter.schemaFor,
  invalidPayload: `not a ${adapter.source} ticket event`,
  accept: async (native, request, _auth, signedHash) => {
    const ingest = await deps.ingest();
    const mapped = canonicalOf(adapter, ingest.settings.sources[adapter.source], native);
    if (mapped.kind === 'ignored') return jsonResponse(200, { ignored: mapped.reason });
    const deliveryId = adapter.deliveryIdOf(request, mapped.event);
    return outcomeResponse(
      await ingestTicketEvent(ingest, adapter.source, deliveryId, mapped.event, signedHash)
    );
  },
});
