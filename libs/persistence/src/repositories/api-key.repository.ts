import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyRow } from '../entities';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The key with this hash, unless revoked. */
  findActiveByHash(keyHash: string): Promise<ApiKeyRow | null> {
    return this.dataSource.getRepository(ApiKeyRow).findOne({ where: { keyHash, revokedAt: IsNull() } });
  }

  findById(id: string): Promise<ApiKeyRow | null> {
    return this.dataSource.getRepository(ApiKeyRow).findOne({ where: { id } });
  }

  listActive(): Promise<ApiKeyRow[]> {
    return this.dataSource.getRepository(ApiKeyRow).find({ where: { revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  async insertIfHashIsNew(row: ApiKeyRow): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ApiKeyRow)
      .values(row)
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiKeyRow)
      .update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiKeyRow).update({ id }, { lastUsedAt: at });
  }
}
