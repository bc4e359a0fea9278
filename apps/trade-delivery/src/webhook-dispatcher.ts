import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig, Clock } from '@app/config';
import { type FailureState, WebhookDeliveryRepository, type WebhookEndpoint, WebhookEndpointRepository } from '@app/persistence';
import { afterFailure, signingSecrets, signWebhook } from '@app/webhooks';
import { DeliveryMetrics } from './delivery-metrics';
import { WebhookSender } from './webhook-sender';

/** Messages read from an endpoint's queue at a time. */
const QUEUE_BATCH = 50;

/**
 * Sends each endpoint's queue in order, one message at a time: the next message of an endpoint
 * goes only once the one before was answered with 2xx, so every shipment's versions arrive in
 * order (at least once). A failure makes the endpoint back off (exponentially, with jitter) and
 * retry from that message; past the retry window the endpoint is paused with the reason.
 *
 * Endpoints are leased in PostgreSQL (claimed with SKIP LOCKED, the lease renewed before each
 * call), so any number of workers share the endpoints without two calling one at a time, and an
 * endpoint that is slow or down ties up only its own lease: the others are called meanwhile, up
 * to WEBHOOKS_CONCURRENCY at once. Everything is in PostgreSQL: after a crash the leases expire
 * and at most the message in flight per endpoint is sent again.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  /** This worker's name on the leases it holds. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private claiming = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly sender: WebhookSender,
    private readonly metrics: DeliveryMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.claimDue(), this.config.tradeDelivery.pollIntervalMs);
    void this.claimDue();
  }

  /** Stops claiming, cuts the calls in flight (their messages stay queued) and gives the leases back. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
    await Promise.allSettled(this.running.values());
  }

  /** A lease long enough for one call and its bookkeeping. */
  private leaseUntil(now: Date): Date {
    return new Date(now.getTime() + 2 * this.config.tradeDelivery.timeoutMs + 10_000);
  }

  private async claimDue(): Promise<void> {
    if (this.claiming || this.stopping.signal.aborted) return;
    this.claiming = true;
    try {
      const now = this.clock.now();
      const free = this.config.tradeDelivery.concurrency - this.running.size;
      for (const endpoint of await this.endpoints.claimDue(this.owner, now, this.leaseUntil(now), free)) {
        const drained = this.drain(endpoint)
          .catch((error: Error) => this.logger.warn(`Webhook ${endpoint.id}: ${error.message}; retried after its lease`))
          .finally(() => this.running.delete(endpoint.id));
        this.running.set(endpoint.id, drained);
      }
    } catch (error) {
      this.logger.warn(`Could not claim webhook endpoints: ${(error as Error).message}`);
    } finally {
      this.claiming = false;
    }
  }

  /** Sends the endpoint's queue until it is empty, a call fails, or the worker stops. */
  private async drain(claimed: WebhookEndpoint): Promise<void> {
    let failing = { since: claimed.failingSince, attempts: claimed.failedAttempts };
    for (;;) {
      const queue = await this.deliveries.pending(claimed.id, QUEUE_BATCH);
      if (queue.length === 0) return this.endpoints.releaseLease(claimed.id, this.owner);
      for (const delivery of queue) {
        if (this.stopping.signal.aborted) return this.endpoints.releaseLease(claimed.id, this.owner);
        const now = this.clock.now();
        // The endpoint as it stands now: a rotated secret signs from the next message on.
        const endpoint = await this.endpoints.renewLease(claimed.id, this.owner, this.leaseUntil(now));
        // Lost, or paused meanwhile: give the lease back (a no-op when another worker holds it).
        if (!endpoint) return this.endpoints.releaseLease(claimed.id, this.owner);
        const headers = signWebhook(signingSecrets(endpoint, now), delivery.messageId, now, delivery.event);
        const result = await this.sender.post(endpoint.url, headers, delivery.event, this.stopping.signal);
        if (result.outcome === 'aborted') return this.endpoints.releaseLease(claimed.id, this.owner);
        this.metrics.recordAttempt(result);
        await this.deliveries.recordAttempt({
          subscriberId: endpoint.subscriberId,
          endpointId: endpoint.id,
          messageId: delivery.messageId,
          attemptedAt: now,
          outcome: result.outcome,
          statusCode: result.statusCode,
          error: result.error,
          durationMs: result.durationMs,
        });
        if (result.outcome === 'delivered') {
          await this.deliveries.markDelivered(delivery, this.clock.now());
          this.metrics.recordDelivery('delivered');
          if (failing.attempts > 0) await this.endpoints.recordSuccess(endpoint.id);
          failing = { since: null, attempts: 0 };
          continue;
        }
        const failedAt = this.clock.now();
        const state = { failingSince: failing.since ?? failedAt, failedAttempts: failing.attempts + 1 };
        const decision = afterFailure(
          { ...this.config.tradeDelivery.backoff, retryWindowMs: this.config.tradeDelivery.retryWindowMs },
          { ...state, now: failedAt, error: result.error ?? result.outcome },
        );
        const next: FailureState =
          decision.kind === 'retry' ? { ...state, nextAttemptAt: decision.at } : { ...state, pausedReason: decision.reason };
        await this.endpoints.recordFailure(endpoint.id, this.owner, next, failedAt);
        this.metrics.recordDelivery(decision.kind === 'retry' ? 'retry' : 'paused');
        if (decision.kind === 'pause')
          this.logger.warn(`Webhook ${endpoint.id} of subscriber ${endpoint.subscriberId} paused: ${decision.reason}`);
        return;
      }
    }
  }
}
