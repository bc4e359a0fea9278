import { Module } from '@nestjs/common';
import { RefusedOutboxController } from './refused-outbox.controller';
import { RefusedOutboxService } from './refused-outbox.service';

@Module({
  controllers: [RefusedOutboxController],
  providers: [RefusedOutboxService],
})
export class OutboxModule {}
