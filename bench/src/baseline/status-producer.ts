import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { kafkaConnectionOptions } from '@app/messaging';
import { BASELINE_CONFIG } from './baseline-config';

/** A plain kafkajs producer, as a NestJS team would inject one. */
@Injectable()
export class StatusProducer implements OnModuleInit, OnModuleDestroy {
  private readonly producer: Producer = new Kafka({
    clientId: 'baseline-producer',
    ...kafkaConnectionOptions(BASELINE_CONFIG.kafka),
  }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }

  async send(topic: string, message: Message): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }
}
