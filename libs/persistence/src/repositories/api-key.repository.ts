import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKeyRow } from '../entities';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The key with this hash, revoked or expired ones included (the caller tells them apart). */
  findByHash(keyHash: string): Promise<ApiKeyRow | null> {
    return this.dataSource.getRepository(ApiKeyRow).findOne({ where: { keyHash } });
  }

  /** Keys not revoked (expired ones included), newest first, after the key `beforeId` when given. */
  page(limit: number, beforeId?: string): Promise<ApiKeyRow[]> {
    const query = this.dataSource
      .getRepository(ApiKeyRow)
      .createQueryBuilder('k')
      .where('k.revoked_at IS NULL')
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'DESC')
      .limit(limit);
    // Keyset on the stored row (no timestamp precision lost through the cursor); an unknown id yields an empty page.
    if (beforeId) query.andWhere('(k.created_at, k.id) < (SELECT c.created_at, c.id FROM api_keys c WHERE c.id = :beforeId)', { beforeId });
    return query.getMany();
  }

  async insertIfHashIsNew(row: ApiKeyRow): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ApiKeyRow)
      .values(row)
      .orIgnore()
      // Without RETURNING, raw is empty whether or not a row went in.
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * Revokes the key unless it already is, and returns it as revoked, or null when there is no
   * active key with this id. The update itself is conditional: of concurrent revokes, the
   * others wait for the row lock, then find it revoked and change nothing.
   */
  async revoke(tx: EntityManager, id: string, at: Date): Promise<ApiKeyRow | null> {
    const result = await tx.getRepository(ApiKeyRow).update({ id, revokedAt: IsNull() }, { revokedAt: at });
    if (!result.affected) return null;
    return tx.getRepository(ApiKeyRow).findOneBy({ id });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiKeyRow).update({ id }, { lastUsedAt: at });
  }
}
