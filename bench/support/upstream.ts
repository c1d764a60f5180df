/**
 * The small upstream the gateway benchmark forwards to: a plain Node HTTP server (its own process)
 * that answers every GET with the same small JSON document, about the size of one canonical
 * opportunity, and every other method with the bytes it was sent. Port: argv[2] (0 = any); prints
 * `listening <port>` once ready.
 */
import { createServer } from 'node:http';

const BODY = Buffer.from(
  JSON.stringify({
    id: 'OPP-0001',
    crmId: '006000000000001AAA',
    name: 'Data platform modernisation',
    accountId: 'ACC-0001',
    stage: 'Closed Won',
    amount: { amountMinor: 12500000, currency: 'USD' },
    closeDate: '2026-10-31',
    legalEntity: 'US-01',
    billingModel: 'time-and-materials',
  }),
);

const server = createServer((req, res) => {
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': BODY.length });
    res.end(req.method === 'HEAD' ? undefined : BODY);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
