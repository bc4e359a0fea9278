import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '@app/config';

/**
 * The second listener of ADMIN_INTERNAL_PORT: the same Express app as the public port, which
 * OpsAccess then narrows to /metrics, /docs and health. Requests are told apart by the server
 * that received them, not by anything a client sends.
 */
@Injectable()
export class InternalPortServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InternalPortServer.name);
  private readonly received = new WeakSet<IncomingMessage>();
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.adminAccess.internalPort;
    if (port === undefined) return;
    const app = this.adapterHost.httpAdapter.getInstance<(req: IncomingMessage, res: unknown) => void>();
    const server = createServer((req, res) => {
      this.received.add(req);
      app(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    this.logger.log(`/metrics, /docs and health on the internal port ${(server.address() as AddressInfo).port}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The request came in on the internal port. */
  isInternal(request: IncomingMessage): boolean {
    return this.received.has(request);
  }
}
