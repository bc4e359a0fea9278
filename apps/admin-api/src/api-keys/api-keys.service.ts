import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { ApiKeyRepository, ApiKeyRow, ApiRole } from '@app/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { generateApiKey, hashApiKey } from '../auth/api-key-secret';
import { RequestActor } from '../auth/principal';
import { ApiKeyView, CreatedApiKey } from './api-keys.dto';

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
  };
}

/** Operators' API keys: issue one (shown once, stored hashed), list the active ones, revoke one. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(name: string, role: ApiRole, actor: RequestActor): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: randomUUID(),
      name,
      role,
      keyHash: hashApiKey(key),
      createdBy: actor.principal.actor,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(ApiKeyRow).insert(row);
      await this.audit.record(tx, actor, {
        action: 'api-key.create',
        targetType: 'api-key',
        targetId: row.id,
        after: { name: row.name, role: row.role },
      });
    });
    return { id: row.id, key, name: row.name, role: row.role };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.listActive()).map(toView);
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
