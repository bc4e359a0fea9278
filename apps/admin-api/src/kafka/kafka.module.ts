import { Global, Module } from '@nestjs/common';
import { KafkaAdminConnection } from './kafka-admin.connection';

@Global()
@Module({ providers: [KafkaAdminConnection], exports: [KafkaAdminConnection] })
export class KafkaModule {}
