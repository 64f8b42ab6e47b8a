import { ResourceGroup } from './resource-group.ts';

/**
 * A ResourceGroup of one resource per catalogue entry (a function, a workflow), found
 * again by the entry's id; an id the catalogue does not have is a bug in the stack.
 */
export abstract class CatalogueGroup<Id extends string, R> extends ResourceGroup {
  private readonly byId = new Map<Id, R>();

  protected register(id: Id, resource: R): R {
    this.byId.set(id, resource);
    return resource;
  }

  /** The resource of an entry. */
  get(id: Id): R {
    const found = this.byId.get(id);
    if (!found) throw new Error(`unknown ${this.kind} ${id}`);
    return found;
  }

  /** What the entries are, for the error message. */
  protected abstract readonly kind: string;
}
