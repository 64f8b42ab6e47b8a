import type { RegistryConflict } from '#shared/data/business-unit-store.ts';
import { jsonResponse } from '#shared/http/json-response.ts';

/** A registry write that did not apply; nothing of it was written. */
export class RegistryConflictError extends Error {
  override name = 'RegistryConflictError';
  constructor(
    readonly conflict: RegistryConflict,
    /** The request field the conflict is about (`aliases.2`, `value`). */
    readonly field: string
  ) {
    super(conflict.kind);
  }
}

/** The answer for a refused registry write: 404 for a unit that is not there, else 409. */
export const registryErrorResponse = (error: unknown) => {
  if (!(error instanceof RegistryConflictError)) throw error;
  const { conflict, field } = error;
  switch (conflict.kind) {
    case 'unit-missing':
      return jsonResponse(404, { message: 'Not Found' });
    case 'unit-exists':
      return jsonResponse(409, {
        message: 'a business unit with this id exists',
        errors: [{ path: field, message: 'taken' }],
      });
    case 'unit-changed':
      return jsonResponse(409, {
        message: 'the business unit changed meanwhile: read it again and retry',
        errors: [{ path: field, message: 'changed meanwhile' }],
      });
    case 'alias-held':
      return jsonResponse(409, {
        message: `the alias is held by business unit ${conflict.heldBy}`,
        heldBy: conflict.heldBy,
        errors: [{ path: field, message: `held by business unit ${conflict.heldBy}` }],
      });
  }
};
