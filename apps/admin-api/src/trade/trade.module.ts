import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { SubscribersController } from './subscribers.controller';
import { SubscribersService } from './subscribers.service';

/** Delivery to the trade: subscribers and webhooks (operators), notifications and own shipments (subscriber keys). */
@Module({
  controllers: [SubscribersController, NotificationsController],
  providers: [SubscribersService, NotificationsService],
})
export class TradeModule {}
