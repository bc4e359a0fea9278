import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import {
  Subscriber,
  SubscriberRepository,
  TradeNotificationRepository,
  WebhookDeliveryRepository,
  WebhookEndpoint,
  WebhookEndpointRepository,
} from '@app/persistence';
import { endpointUrlProblem, generateWebhookSecret } from '@app/webhooks';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { IdPageQuery, pageById, pageByUuid } from '../common/paging';
import { fieldErrors } from '../common/validation';
import { CreatedWebhook, DeliveryAttemptPage, ReplayResult, RotatedSecret, SubscriberPage, SubscriberView, WebhookView } from './trade.dto';

export interface SubscriberChanges {
  name?: string;
  partyIds?: string[];
  paused?: boolean;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function webhookView(endpoint: WebhookEndpoint, now: Date): WebhookView {
  const overlap = endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? endpoint.previousSecretUntil : null;
  return {
    id: endpoint.id,
    url: endpoint.url,
    createdAt: endpoint.createdAt.toISOString(),
    previousSecretValidUntil: iso(overlap),
    failingSince: iso(endpoint.failingSince),
    failedAttempts: endpoint.failedAttempts,
    nextAttemptAt: iso(endpoint.nextAttemptAt),
    pausedAt: iso(endpoint.pausedAt),
    pausedReason: endpoint.pausedReason,
  };
}

/** What the audit log keeps of a subscriber. */
const audited = (s: Subscriber) => ({ name: s.name, partyIds: s.partyIds, paused: s.paused });

/**
 * Operators manage the trade's subscribers and their webhook endpoints; every change is audited
 * in its own transaction. Secrets are shown once and never audited.
 */
@Injectable()
export class SubscribersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly subscribers: SubscriberRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly notifications: TradeNotificationRepository,
    private readonly attempts: WebhookDeliveryRepository,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    fields: Required<Pick<SubscriberChanges, 'name' | 'partyIds'>> & SubscriberChanges,
    actor: RequestActor,
  ): Promise<SubscriberView> {
    const now = this.clock.now();
    const subscriber: Subscriber = {
      id: randomUUID(),
      name: fields.name,
      partyIds: fields.partyIds,
      paused: fields.paused ?? false,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (tx) => {
      await this.subscribers.insert(tx, subscriber);
      await this.audit.record(tx, actor, {
        action: 'subscriber.create',
        targetType: 'subscriber',
        targetId: subscriber.id,
        after: audited(subscriber),
      });
    });
    return this.view(subscriber, []);
  }

  list(query: IdPageQuery): Promise<SubscriberPage> {
    return pageByUuid(
      query,
      async (limit, before) => {
        const page = await this.subscribers.page(limit, before);
        const endpoints = await this.endpoints.listFor(page.map((s) => s.id));
        return page.map((s) => ({ id: s.id, subscriber: s, endpoints: endpoints.filter((e) => e.subscriberId === s.id) }));
      },
      (row) => this.view(row.subscriber, row.endpoints),
    );
  }

  async get(id: string): Promise<SubscriberView> {
    const subscriber = await this.subscribers.find(id);
    if (!subscriber) throw new NotFoundException(`No subscriber ${id}`);
    return this.view(subscriber, await this.endpoints.listFor([id]));
  }

  /** Changed party ids apply to the status versions decided from now on; notifications already recorded stay. */
  async update(id: string, changes: SubscriberChanges, actor: RequestActor): Promise<SubscriberView> {
    const updated = await this.dataSource.transaction(async (tx) => {
      const before = await this.subscribers.lock(tx, id);
      if (!before) throw new NotFoundException(`No subscriber ${id}`);
      const after: Subscriber = {
        ...before,
        name: changes.name ?? before.name,
        partyIds: changes.partyIds ?? before.partyIds,
        paused: changes.paused ?? before.paused,
        updatedAt: this.clock.now(),
      };
      await this.subscribers.update(tx, after);
      await this.audit.record(tx, actor, {
        action: 'subscriber.update',
        targetType: 'subscriber',
        targetId: id,
        before: audited(before),
        after: audited(after),
      });
      return after;
    });
    return this.view(updated, await this.endpoints.listFor([id]));
  }

  /** The subscriber goes with its endpoints, notifications, deliveries and API keys. */
  async delete(id: string, actor: RequestActor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const before = await this.subscribers.lock(tx, id);
      if (!before) throw new NotFoundException(`No subscriber ${id}`);
      await this.subscribers.delete(tx, id);
      await this.audit.record(tx, actor, { action: 'subscriber.delete', targetType: 'subscriber', targetId: id, before: audited(before) });
    });
  }

  /** A new endpoint receives the statuses decided from now on (a replay sends earlier ones). */
  async addWebhook(subscriberId: string, url: string, actor: RequestActor): Promise<CreatedWebhook> {
    const problem = endpointUrlProblem(url, this.config.tradeDelivery);
    if (problem) throw fieldErrors([{ field: 'url', message: problem }]);
    const endpoint = { id: randomUUID(), subscriberId, url, secret: generateWebhookSecret(), createdAt: this.clock.now() };
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.subscribers.lock(tx, subscriberId))) throw new NotFoundException(`No subscriber ${subscriberId}`);
      await this.endpoints.insert(tx, endpoint);
      await this.audit.record(tx, actor, {
        action: 'webhook.create',
        targetType: 'webhook',
        targetId: endpoint.id,
        after: { subscriberId, url },
      });
    });
    return { id: endpoint.id, url, secret: endpoint.secret };
  }

  async deleteWebhook(subscriberId: string, webhookId: string, actor: RequestActor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const endpoint = await this.lockEndpoint(tx, subscriberId, webhookId);
      await this.endpoints.delete(tx, webhookId);
      await this.audit.record(tx, actor, {
        action: 'webhook.delete',
        targetType: 'webhook',
        targetId: webhookId,
        before: { subscriberId, url: endpoint.url },
      });
    });
  }

  /** A new secret signs from now on; the current one signs too for the overlap (WEBHOOKS_SECRET_OVERLAP_MS). */
  async rotateSecret(subscriberId: string, webhookId: string, actor: RequestActor): Promise<RotatedSecret> {
    const secret = generateWebhookSecret();
    const until = new Date(this.clock.now().getTime() + this.config.tradeDelivery.secretOverlapMs);
    await this.dataSource.transaction(async (tx) => {
      const endpoint = await this.lockEndpoint(tx, subscriberId, webhookId);
      await this.endpoints.rotateSecret(tx, webhookId, secret, { secret: endpoint.secret, until });
      await this.audit.record(tx, actor, {
        action: 'webhook.rotate-secret',
        targetType: 'webhook',
        targetId: webhookId,
        after: { subscriberId, previousSecretValidUntil: until.toISOString() },
      });
    });
    return { id: webhookId, secret, previousSecretValidUntil: until.toISOString() };
  }

  /** A paused endpoint is sent its undelivered messages again, from the oldest, at once. */
  async resumeWebhook(subscriberId: string, webhookId: string, actor: RequestActor): Promise<WebhookView> {
    await this.dataSource.transaction(async (tx) => {
      const endpoint = await this.lockEndpoint(tx, subscriberId, webhookId);
      await this.endpoints.resume(tx, webhookId);
      await this.audit.record(tx, actor, {
        action: 'webhook.resume',
        targetType: 'webhook',
        targetId: webhookId,
        before: { pausedAt: iso(endpoint.pausedAt), pausedReason: endpoint.pausedReason },
      });
    });
    const endpoint = (await this.endpoints.listFor([subscriberId])).find((e) => e.id === webhookId);
    if (!endpoint) throw new NotFoundException(`Subscriber ${subscriberId} has no webhook ${webhookId}`);
    return webhookView(endpoint, this.clock.now());
  }

  async replay(subscriberId: string, since: Date, webhookId: string | undefined, actor: RequestActor): Promise<ReplayResult> {
    const queued = await this.dataSource.transaction(async (tx) => {
      if (!(await this.subscribers.lock(tx, subscriberId))) throw new NotFoundException(`No subscriber ${subscriberId}`);
      if (webhookId) await this.lockEndpoint(tx, subscriberId, webhookId);
      const count = await this.notifications.replay(tx, subscriberId, since, this.clock.now(), webhookId);
      await this.audit.record(tx, actor, {
        action: 'subscriber.replay',
        targetType: 'subscriber',
        targetId: subscriberId,
        after: { since: since.toISOString(), webhookId: webhookId ?? null, queued: count },
      });
      return count;
    });
    return { queued };
  }

  async deliveries(subscriberId: string, query: IdPageQuery): Promise<DeliveryAttemptPage> {
    if (!(await this.subscribers.find(subscriberId))) throw new NotFoundException(`No subscriber ${subscriberId}`);
    return pageById(
      query,
      (limit, before) => this.attempts.recentAttempts(subscriberId, limit, before),
      (a) => ({
        id: a.id,
        webhookId: a.endpointId,
        messageId: a.messageId,
        attemptedAt: a.attemptedAt.toISOString(),
        outcome: a.outcome,
        statusCode: a.statusCode,
        error: a.error,
        durationMs: a.durationMs,
      }),
    );
  }

  private async lockEndpoint(tx: EntityManager, subscriberId: string, webhookId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.lock(tx, subscriberId, webhookId);
    if (!endpoint) throw new NotFoundException(`Subscriber ${subscriberId} has no webhook ${webhookId}`);
    return endpoint;
  }

  private view(subscriber: Subscriber, endpoints: WebhookEndpoint[]): SubscriberView {
    const now = this.clock.now();
    return {
      id: subscriber.id,
      name: subscriber.name,
      partyIds: subscriber.partyIds,
      paused: subscriber.paused,
      createdAt: subscriber.createdAt.toISOString(),
      updatedAt: subscriber.updatedAt.toISOString(),
      webhooks: endpoints.map((e) => webhookView(e, now)),
    };
  }
}
