import type { HttpMethod, RouteDefinition } from '#lib/definitions/route-definition.ts';

export interface RouteMatch {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
}

export type MatchResult =
  | { readonly kind: 'matched'; readonly match: RouteMatch }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'not-found' };

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly specificity: number;
}

const compile = (route: RouteDefinition): CompiledRoute => {
  const names: string[] = [];
  let specificity = 0;
  const source = route.path
    .split('/')
    .map((segment) => {
      const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        names.push(greedy[1]);
        return '(.+)';
      }
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (param?.[1]) {
        names.push(param[1]);
        specificity += 1;
        return '([^/]+)';
      }
      specificity += 2;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names, specificity };
};

/** The path parameters decoded, or undefined when one holds a malformed percent-escape. */
const decodedParameters = (
  names: readonly string[],
  values: readonly (string | undefined)[]
): Record<string, string> | undefined => {
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
};

/**
 * Matches like API Gateway HTTP APIs: the most specific path wins (literal segments over
 * `{param}` over `{proxy+}`). A path that exists under another method answers 405 here,
 * where API Gateway answers 404: the local server is stricter, to catch mistakes early.
 */
export const createRouteMatcher = (routes: readonly RouteDefinition[]) => {
  const compiled = routes.map(compile).sort((a, b) => b.specificity - a.specificity);
  return (method: string, path: string): MatchResult => {
    const candidates = compiled.flatMap((c) => {
      const m = c.pattern.exec(path);
      return m ? [{ compiled: c, values: m.slice(1) }] : [];
    });
    if (candidates.length === 0) return { kind: 'not-found' };
    const hit = candidates.find((c) => c.compiled.route.method === method);
    if (!hit)
      return {
        kind: 'method-not-allowed',
        allowed: [...new Set(candidates.map((c) => c.compiled.route.method))],
      };
    const pathParameters = decodedParameters(hit.compiled.names, hit.values);
    // A malformed percent-escape (`%ZZ`) names no resource: 404, as for any unknown path,
    // where decodeURIComponent's URIError would otherwise surface as a 500.
    if (!pathParameters) return { kind: 'not-found' };
    return { kind: 'matched', match: { route: hit.compiled.route, pathParameters } };
  };
};
