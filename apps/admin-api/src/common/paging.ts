import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { decodeCursor, encodeCursor } from './cursor';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/** Keys, values and JSON documents longer than this are left out of a list (with their size); the item's own route has them whole. */
export const MAX_LISTED_BYTES = 16 * 1024;

/** `?limit=&cursor=` of a list, paged by a key of its last item. */
export class IdPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
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

/**
 * One page of a list in a fixed order: `fetch(limit + 1, after)` returns the rows that follow
 * the cursor's position; the extra row only tells whether there is a next page, whose cursor is
 * the position of this page's last row. A cursor this API did not write is a 400.
 */
export async function keysetPage<R, C, T>(
  query: IdPageQuery,
  page: {
    isCursor: (value: unknown) => value is C;
    fetch: (limit: number, after: C | undefined) => Promise<R[]>;
    cursorOf: (row: R) => C;
    toView: (row: R) => T;
  },
): Promise<IdPage<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = query.cursor ? decodeCursor(query.cursor, page.isCursor) : undefined;
  const rows = await page.fetch(limit + 1, after);
  const shown = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(page.cursorOf(shown[shown.length - 1])) : null;
  return { items: shown.map(page.toView), nextCursor };
}

// At most 18 digits: always inside PostgreSQL's bigint, so a forged cursor is a 400, not a 500.
const BIGINT_ID = /^\d{1,18}$/;
const isBeforeIdCursor = (v: unknown): v is { before: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { before?: unknown }).before === 'string' &&
  BIGINT_ID.test((v as { before: string }).before);
const isAfterIdCursor = (v: unknown): v is { after: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { after?: unknown }).after === 'string' &&
  BIGINT_ID.test((v as { after: string }).after);

/** One page of a newest-first list by a bigint id: `fetch(limit, beforeId)` returns rows by descending id. */
export function pageById<R extends { id: string }, T>(
  query: IdPageQuery,
  fetch: (limit: number, beforeId?: string) => Promise<R[]>,
  toView: (row: R) => T,
): Promise<IdPage<T>> {
  return keysetPage(query, {
    isCursor: isBeforeIdCursor,
    fetch: (limit, cursor) => fetch(limit, cursor?.before),
    cursorOf: (row) => ({ before: row.id }),
    toView,
  });
}

/** One page of an oldest-first list by a bigint id: `fetch(limit, afterId)` returns rows by ascending id. */
export function pageAfterId<R extends { id: string }, T>(
  query: IdPageQuery,
  fetch: (limit: number, afterId?: string) => Promise<R[]>,
  toView: (row: R) => T,
): Promise<IdPage<T>> {
  return keysetPage(query, {
    isCursor: isAfterIdCursor,
    fetch: (limit, cursor) => fetch(limit, cursor?.after),
    cursorOf: (row) => ({ after: row.id }),
    toView,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isBeforeUuidCursor = (v: unknown): v is { before: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { before?: unknown }).before === 'string' &&
  UUID.test((v as { before: string }).before);

/** One page of a newest-first list of rows with a uuid id: `fetch(limit, beforeId)` returns the rows after that row. */
export function pageByUuid<R extends { id: string }, T>(
  query: IdPageQuery,
  fetch: (limit: number, beforeId?: string) => Promise<R[]>,
  toView: (row: R) => T,
): Promise<IdPage<T>> {
  return keysetPage(query, {
    isCursor: isBeforeUuidCursor,
    fetch: (limit, cursor) => fetch(limit, cursor?.before),
    cursorOf: (row) => ({ before: row.id }),
    toView,
  });
}
