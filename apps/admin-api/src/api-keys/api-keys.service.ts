import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { ApiKeyRepository, ApiKeyRow, ApiRole, SubscriberRepository } from '@app/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { generateApiKey, hashApiKey } from '../auth/api-key-secret';
import { RequestActor } from '../auth/principal';
import { IdPageQuery, pageByUuid } from '../common/paging';
import { fieldErrors } from '../common/validation';
import { ApiKeyPage, ApiKeyView, CreatedApiKey } from './api-keys.dto';

export interface CreateApiKeyCommand {
  name: string;
  role: ApiRole;
  /** RFC 3339 (already checked), or undefined: the key does not expire. */
  expiresAt?: string;
  /** With role subscriber (checked): the subscriber the key acts for. */
  subscriberId?: string;
  actor: RequestActor;
}

function toView(row: ApiKeyRow, now: Date): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    expired: row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime(),
    subscriberId: row.subscriberId,
  };
}

/** Operators' API keys: issue one (shown once, stored hashed, optionally expiring), list those not revoked, revoke one. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(command: CreateApiKeyCommand): Promise<CreatedApiKey> {
    const { name, role, actor } = command;
    const now = this.clock.now();
    const expiresAt = command.expiresAt === undefined ? null : new Date(command.expiresAt);
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
      throw fieldErrors([{ field: 'expiresAt', message: `expiresAt must be in the future (now is ${now.toISOString()})` }]);
    }
    if (role !== 'subscriber' && command.subscriberId !== undefined) {
      throw fieldErrors([{ field: 'subscriberId', message: 'subscriberId is only for role subscriber' }]);
    }
    const subscriberId = role === 'subscriber' ? (command.subscriberId ?? null) : null;
    if (subscriberId !== null && !(await this.subscribers.find(subscriberId))) {
      throw fieldErrors([{ field: 'subscriberId', message: `there is no subscriber ${subscriberId}` }]);
    }
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: randomUUID(),
      name,
      role,
      keyHash: hashApiKey(key),
      createdBy: actor.principal.actor,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt,
      subscriberId,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(ApiKeyRow).insert(row);
      await this.audit.record(tx, actor, {
        action: 'api-key.create',
        targetType: 'api-key',
        targetId: row.id,
        after: { name: row.name, role: row.role, expiresAt: expiresAt?.toISOString() ?? null, ...(subscriberId ? { subscriberId } : {}) },
      });
    });
    return { id: row.id, key, name: row.name, role: row.role, expiresAt: expiresAt?.toISOString() ?? null, subscriberId };
  }

  /** Newest first; expired keys are listed (with `expired`) until revoked. */
  list(query: IdPageQuery): Promise<ApiKeyPage> {
    const now = this.clock.now();
    return pageByUuid(
      query,
      (limit, before) => this.keys.page(limit, before),
      (row) => toView(row, now),
    );
  }

  /** Of concurrent revokes of one key, only the one that revoked it succeeds (and is audited); the others are 404. */
  revoke(id: string, actor: RequestActor): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const revoked = await this.keys.revoke(tx, id, this.clock.now());
      if (!revoked) throw new NotFoundException(`No active API key ${id}`);
      await this.audit.record(tx, actor, {
        action: 'api-key.revoke',
        targetType: 'api-key',
        targetId: id,
        before: { name: revoked.name, role: revoked.role },
      });
    });
  }
}
