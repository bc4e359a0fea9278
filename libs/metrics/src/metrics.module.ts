import { DynamicModule, Global, Module } from '@nestjs/common';
import { createProcessRegistry, METRICS_REGISTRY, processIdentity } from './metrics-registry';
import { MetricsSnapshotPublisher, PROCESS_IDENTITY } from './metrics-snapshot.publisher';

/** The process's Prometheus registry, and its snapshots stored for the admin API's /metrics. */
@Global()
@Module({})
export class MetricsModule {
  static forApp(app: string): DynamicModule {
    const identity = processIdentity(app);
    return {
      module: MetricsModule,
      providers: [
        { provide: PROCESS_IDENTITY, useValue: identity },
        { provide: METRICS_REGISTRY, useFactory: () => createProcessRegistry(identity) },
        MetricsSnapshotPublisher,
      ],
      exports: [METRICS_REGISTRY, PROCESS_IDENTITY],
    };
  }
}
