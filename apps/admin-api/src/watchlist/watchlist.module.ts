import { Module } from '@nestjs/common';
import { WatchlistController } from './watchlist.controller';
import { WatchlistService } from './watchlist.service';
import { WatchlistRescreen } from './watchlist-rescreen';

@Module({
  controllers: [WatchlistController],
  providers: [WatchlistService, WatchlistRescreen],
})
export class WatchlistModule {}
