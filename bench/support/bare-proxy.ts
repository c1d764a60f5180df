/**
 * The bare peer of the gateway benchmark: a Node reverse proxy with nothing but forwarding
 * (Fastify 5 + @fastify/http-proxy, undici keep-alive pool), in its own process, in front of the same
 * upstream. Args: port (0 = any), upstream origin. Prints `listening <port>` once ready.
 */
import fastifyHttpProxy from '@fastify/http-proxy';
import Fastify from 'fastify';

async function main(): Promise<void> {
  const [portArg, upstream] = process.argv.slice(2);
  if (!upstream) throw new Error('usage: bare-proxy <port> <upstream origin>');
  const app = Fastify({ logger: false });
  await app.register(fastifyHttpProxy, { upstream, http2: false });
  const address = await app.listen({ port: Number(portArg ?? 0), host: '127.0.0.1' });
  console.log(`listening ${new URL(address).port}`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
