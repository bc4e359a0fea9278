import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { ApiKeyRepository, ApiKeyRow } from '@app/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { generateApiKey, hashApiKey } from '../auth/api-key-secret';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKey, IdParam } from './api-keys.dto';

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

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  @Post()
  async create(@Body() body: CreateApiKeyRequest, @Actor() actor: RequestActor): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: randomUUID(),
      name: body.name,
      role: body.role,
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

  @Get()
  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.listActive()).map(toView);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param() { id }: IdParam, @Actor() actor: RequestActor): Promise<void> {
    const existing = await this.keys.findById(id);
    if (!existing || existing.revokedAt) throw new NotFoundException(`No active API key ${id}`);
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(ApiKeyRow).update({ id }, { revokedAt: this.clock.now() });
      await this.audit.record(tx, actor, {
        action: 'api-key.revoke',
        targetType: 'api-key',
        targetId: id,
        before: { name: existing.name, role: existing.role },
      });
    });
  }
}
