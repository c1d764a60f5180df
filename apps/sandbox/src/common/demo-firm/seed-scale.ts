import { ValidationProblem } from '@app/platform';
import { DemoScale } from './demo-firm';

const SCALES: readonly DemoScale[] = ['demo', 'month-end'];

/**
 * The scale a sandbox seeds at boot: `SANDBOX_SCALE` (`demo`, the default, or `month-end`: 2,000
 * workers, 500 projects, 200,000 time entries). `npm start -- --scale` sets it for every sandbox.
 */
export function configuredScale(env: NodeJS.ProcessEnv = process.env): DemoScale {
  const value = env.SANDBOX_SCALE?.trim();
  if (!value) return 'demo';
  if ((SCALES as readonly string[]).includes(value)) return value as DemoScale;
  throw new Error(`SANDBOX_SCALE must be one of ${SCALES.join(', ')} (got "${value}")`);
}

/** The optional `{"scale": "demo" | "month-end"}` body of `POST /__sandbox/reset`; 400 problem otherwise. */
export function scaleOfResetBody(body: unknown): DemoScale | undefined {
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)) {
    return undefined;
  }
  const scale = typeof body === 'object' ? (body as Record<string, unknown>).scale : undefined;
  if (typeof scale === 'string' && (SCALES as readonly string[]).includes(scale)) return scale as DemoScale;
  throw new ValidationProblem([{ field: 'scale', message: `scale must be one of ${SCALES.join(', ')}` }]);
}
