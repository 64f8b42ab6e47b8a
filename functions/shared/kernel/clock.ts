/** The one clock of the use cases; a dependency, so tests set the time. */
export const now = (): Date => new Date();
