import { Injectable } from '@nestjs/common';
import { type LabelValues, type Metric, Registry } from 'prom-client';
import { AppConfig, Clock } from '@app/config';
import { ReleaseTimeStatsRepository } from '@app/persistence';
import { MaxAgeCache } from './max-age-cache';

const NAME = 'clearance_release_interval_minutes';
/** The Time Release Study's shares (0, 15, 60, 240 minutes) and a few bounds between and beyond. */
export const RELEASE_INTERVAL_BOUNDS = [0, 5, 15, 30, 60, 120, 240, 480, 1440] as const;

/**
 * The release-time intervals as a Prometheus histogram, read from PostgreSQL over every released
 * shipment: the figures are the database's, so a restart loses nothing (they only grow, as a
 * histogram's counts must). The query scans the released shipments, so a scrape reuses the last
 * reading while it is younger than RELEASE_HISTOGRAM_MAX_AGE_MS, and scrapes that come together
 * share one query. Kept out of the process's registry, whose snapshots other admin processes serve
 * too: /metrics adds them once, without app or instance labels.
 */
@Injectable()
export class ReleaseIntervalHistograms {
  private readonly registry = new Registry();

  constructor(stats: ReleaseTimeStatsRepository, config: AppConfig, clock: Clock) {
    const reading = new MaxAgeCache(
      () => stats.intervalHistograms(RELEASE_INTERVAL_BOUNDS),
      config.operatorsWork.releaseHistogramMaxAgeMs,
      clock,
    );
    const help =
      'Minutes from submission to arrival and from arrival to release of every released shipment (WCO Time Release Study), by priority and cold chain';
    // Not one of prom-client's classes (their values live in the process): an object with the
    // same get() the registry and the aggregator read, which is all they ask of a metric.
    const histogram = {
      name: NAME,
      help,
      type: 'histogram',
      aggregator: 'first',
      reset: () => undefined,
      get: async () => {
        const values: { metricName: string; labels: LabelValues<string>; value: number }[] = [];
        for (const h of await reading.get()) {
          const labels = { interval: h.interval, priority: h.priority, cold_chain: String(h.coldChain) };
          for (const b of h.buckets) values.push({ metricName: `${NAME}_bucket`, labels: { ...labels, le: b.le }, value: b.count });
          values.push({ metricName: `${NAME}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.count });
          values.push({ metricName: `${NAME}_sum`, labels, value: h.sum });
          values.push({ metricName: `${NAME}_count`, labels, value: h.count });
        }
        return { name: NAME, help, type: 'histogram', aggregator: 'first', values };
      },
    };
    this.registry.registerMetric(histogram as unknown as Metric);
  }

  metricsAsJson() {
    return this.registry.getMetricsAsJSON();
  }
}
