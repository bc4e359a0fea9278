import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source';
import {
  ApiKeyRepository,
  AuditLogRepository,
  ConsumerProgressRepository,
  DeadLetterRepository,
  DecisionRepository,
  OutboxPartitionRepository,
  ExaminationRepository,
  OutboxRepository,
  PolicyInputsRepository,
  ProcessMetricsRepository,
  RecentDeclarationsRepository,
  ReferenceListRepository,
  RefusedOutboxRepository,
  ReleaseTimeStatsRepository,
  RuleEffectivenessRepository,
  RulesetRepository,
  ServiceLevelAlertRepository,
  ShipmentEventLogRepository,
  ShipmentHistoryRepository,
  ShipmentLaneRepository,
  ShipmentSearchRepository,
  ShipmentStateRepository,
  WatchlistCandidatesRepository,
  WatchlistRepository,
  WatchlistRescreenRepository,
  SubscriberRepository,
  TradeNotificationRepository,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WorklistClaimRepository,
  WorklistRepository,
} from './repositories';

const REPOSITORIES = [
  ApiKeyRepository,
  AuditLogRepository,
  ConsumerProgressRepository,
  DeadLetterRepository,
  DecisionRepository,
  OutboxPartitionRepository,
  ExaminationRepository,
  OutboxRepository,
  PolicyInputsRepository,
  ProcessMetricsRepository,
  RecentDeclarationsRepository,
  ReferenceListRepository,
  RefusedOutboxRepository,
  ReleaseTimeStatsRepository,
  RuleEffectivenessRepository,
  RulesetRepository,
  ServiceLevelAlertRepository,
  ShipmentEventLogRepository,
  ShipmentHistoryRepository,
  ShipmentLaneRepository,
  ShipmentSearchRepository,
  ShipmentStateRepository,
  WatchlistCandidatesRepository,
  WatchlistRepository,
  WatchlistRescreenRepository,
  // Delivery to the trade.
  SubscriberRepository,
  TradeNotificationRepository,
  WebhookEndpointRepository,
  WebhookDeliveryRepository,
  WorklistClaimRepository,
  WorklistRepository,
];

/** The PostgreSQL connection (TypeORM, no synchronize: migrations own the schema) and the repositories. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
