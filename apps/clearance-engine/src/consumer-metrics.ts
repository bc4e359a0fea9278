import { Inject, Injectable, INestMicroservice } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { ConsumerStatus } from '@app/messaging';
import { METRICS_REGISTRY } from '@app/metrics';

/** Whether each of the engine's consumers is in its group, as the engine itself knows it. */
@Injectable()
export class ConsumerMetrics {
  private readonly up: Gauge<'consumer'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.up = new Gauge({
      name: 'clearance_consumer_up',
      help: "1 while the engine's consumer (triage or lane) is in its group, 0 while it is down and being restarted",
      labelNames: ['consumer'],
      registers: [registry],
    });
  }

  record(status: ConsumerStatus): void {
    this.up.set({ consumer: status.name }, status.up ? 1 : 0);
  }
}

/** Keeps `clearance_consumer_up` in step with the transport's `consumer` events; call before `listen()`. */
export function recordConsumerStatus(app: INestMicroservice): void {
  const metrics = app.get(ConsumerMetrics);
  app.on('consumer', (status: ConsumerStatus) => metrics.record(status));
}
