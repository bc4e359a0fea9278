import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../api-keys/api-keys.dto';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { CreatedWatchlistEntryView, CreateWatchlistEntryRequest, WatchlistEntryPage } from './watchlist.dto';
import { WatchlistService } from './watchlist.service';

@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('api/v1/watchlist')
export class WatchlistController {
  constructor(private readonly watchlist: WatchlistService) {}

  /** Every entry, newest first; `active` is false once expired. */
  @Get()
  @RequireRole('viewer')
  list(@Query() query: IdPageQuery): Promise<WatchlistEntryPage> {
    return this.watchlist.list(query);
  }

  /** Adds an entry and holds the open shipments it matches, chunk by chunk (`rescreened`). */
  @Post()
  @RequireRole('operator')
  add(@Body() body: CreateWatchlistEntryRequest, @Actor() actor: RequestActor): Promise<CreatedWatchlistEntryView> {
    return this.watchlist.add({ kind: body.kind, value: body.value, reason: body.reason, expiresAt: body.expiresAt, actor });
  }

  /** Later decisions no longer apply it; shipments it held stay HELD until an operator decides. */
  @Delete(':id')
  @RequireRole('operator')
  @HttpCode(204)
  async remove(@Param() { id }: IdParam, @Actor() actor: RequestActor): Promise<void> {
    await this.watchlist.remove(id, actor);
  }
}
