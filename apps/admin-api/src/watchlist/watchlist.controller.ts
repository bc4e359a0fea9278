import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../api-keys/api-keys.dto';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { CreatedWatchlistEntryView, CreateWatchlistEntryRequest, WatchlistEntryView } from './watchlist.dto';
import { WatchlistService } from './watchlist.service';

@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('api/v1/watchlist')
export class WatchlistController {
  constructor(private readonly watchlist: WatchlistService) {}

  /** Every entry, newest first; `active` is false once expired. */
  @Get()
  @RequireRole('viewer')
  list(): Promise<WatchlistEntryView[]> {
    return this.watchlist.list();
  }

  /** Adds an entry and holds the open shipments it matches (listed in `rescreened.held`). */
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
