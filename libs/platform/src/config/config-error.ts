/** Thrown at boot when configuration is missing or invalid; the message names each variable. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly problems: { variable: string; message: string }[],
  ) {
    super(`Invalid configuration: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'ConfigError';
  }
}
