import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { type ClearanceStatusEvent } from '@app/contract';

/** How a receiver answers: 200; 500 to its first `n` calls; never (the call hangs until the caller gives up). */
export type ReceiverBehaviour = { kind: 'ok' } | { kind: 'fail-first'; n: number } | { kind: 'never-answer' };

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered; null when it never answered. */
  answered: number | null;
}

/** A firm's webhook endpoint: a real HTTP server on loopback that records every call and answers as told. */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private readonly hanging = new Set<ServerResponse>();

  private readonly server: Server;

  private constructor(public behaviour: ReceiverBehaviour) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
  }

  static async start(behaviour: ReceiverBehaviour = { kind: 'ok' }): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(behaviour);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/customs`;
  }

  /** The events of the calls answered 2xx, in the order they came. */
  accepted(): ClearanceStatusEvent[] {
    return this.calls.filter((c) => c.answered !== null && c.answered < 300).map((c) => JSON.parse(c.body) as ClearanceStatusEvent);
  }

  /** Versions accepted per shipment, in arrival order. */
  acceptedVersions(shipmentId: string): number[] {
    return this.accepted()
      .filter((e) => e.subject === shipmentId)
      .map((e) => e.data.version);
  }

  /** Verifies every call with the reference implementation of Standard Webhooks; throws on the first that does not verify. */
  verifyAll(secret: string, calls: ReceivedCall[] = this.calls): void {
    const webhook = new Webhook(secret);
    for (const call of calls) webhook.verify(call.body, call.headers as Record<string, string>);
  }

  async waitFor(what: string, done: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline)
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${this.calls.length} calls received`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(headers: IncomingHttpHeaders, body: string, response: ServerResponse): void {
    const call: ReceivedCall = { headers, body, answered: null };
    this.calls.push(call);
    const behaviour = this.behaviour;
    if (behaviour.kind === 'never-answer') {
      this.hanging.add(response);
      response.on('close', () => this.hanging.delete(response));
      return;
    }
    const fail = behaviour.kind === 'fail-first' && this.calls.length <= behaviour.n;
    call.answered = fail ? 500 : 200;
    response.writeHead(call.answered, { 'content-type': 'text/plain' }).end(fail ? 'temporarily broken' : 'ok');
  }
}
