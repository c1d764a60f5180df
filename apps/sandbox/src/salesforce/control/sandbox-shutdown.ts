import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/**
 * A vendor going down drops its connections. Closing the sandbox destroys every open connection
 * (keep-alive or in flight) before the server closes, so shutdown never waits for clients that
 * gave up on a delayed (fault-injected) request but still hold their socket.
 */
@Injectable()
export class SandboxConnectionsCloser implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.closeAllConnections?.();
  }
}
