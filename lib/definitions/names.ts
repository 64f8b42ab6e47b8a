/** `CallbackProbe` → `callback-probe`: state machine and function physical-name parts. */
export const kebabCase = (id: string): string =>
  id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** `CallbackProbe` → `CALLBACK_PROBE`: environment variable name parts. */
export const constantCase = (id: string): string => kebabCase(id).replace(/-/g, '_').toUpperCase();

/** `csi-reconcile` → `CsiReconcile`: construct ids made from kebab-case schedule ids. */
export const pascalCase = (id: string): string =>
  id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
