/** Why dist/ needs a build, or null when it is a build of the sources as they are. */
export function buildNeeded(): string | null;
