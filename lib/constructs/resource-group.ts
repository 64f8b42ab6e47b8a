import { Names, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Construct, RootConstruct } from 'constructs';

/**
 * A construct that groups a stack's resources without taking part in their logical ids:
 * a stack that allocates ids with `logicalIdWithoutGroups` leaves a group's id out of the
 * path it hashes. Splitting a stack into groups then keeps every logical id, so a deploy
 * replaces nothing. (The state machines and their log groups have fixed names: a
 * replacement of one would fail, the new resource's name being taken by the old.)
 */
export class ResourceGroup extends Construct {}

/**
 * The logical id CDK's default scheme gives `element` with the ResourceGroups taken out of
 * its path. Computed by CDK's own algorithm, reached through its public API (Names on a
 * scratch tree of the same ids), so the ids are exactly those of the ungrouped layout.
 */
export const logicalIdWithoutGroups = (stack: Stack, element: CfnElement): string => {
  const scopes = element.node.scopes;
  const path = scopes.slice(scopes.indexOf(stack) + 1).filter((s) => !(s instanceof ResourceGroup));
  const scratch = path.reduce<Construct>(
    (parent, scope) => new Construct(parent, scope.node.id),
    new RootConstruct()
  );
  return Names.uniqueId(scratch);
};
