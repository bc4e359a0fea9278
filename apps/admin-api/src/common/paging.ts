import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { decodeCursor, encodeCursor } from './cursor';

/** `?limit=&cursor=` of a newest-first list paged by a bigint id. */
export class IdPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface IdPage<T> {
  items: T[];
  nextCursor: string | null;
}

// At most 18 digits: always inside PostgreSQL's bigint, so a forged cursor is a 400, not a 500.
const isBeforeIdCursor = (v: unknown): v is { before: string } =>
  typeof v === 'object' && v !== null && typeof (v as { before?: unknown }).before === 'string' && /^\d{1,18}$/.test((v as { before: string }).before);

/**
 * One page of a newest-first list: `fetch(limit + 1, beforeId)` returns rows by descending id;
 * the extra row only tells whether there is a next page.
 */
export async function pageById<R extends { id: string }, T>(
  query: IdPageQuery,
  fetch: (limit: number, beforeId?: string) => Promise<R[]>,
  toView: (row: R) => T,
): Promise<IdPage<T>> {
  const limit = query.limit ?? 50;
  const before = query.cursor ? decodeCursor(query.cursor, isBeforeIdCursor).before : undefined;
  const rows = await fetch(limit + 1, before);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor({ before: page[page.length - 1].id }) : null;
  return { items: page.map(toView), nextCursor };
}
