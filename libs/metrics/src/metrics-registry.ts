import { hostname } from 'node:os';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Injection token of the process's Prometheus registry. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export interface ProcessIdentity {
  app: string;
  /** Unique per running process: `<app>@<host>:<pid>`. */
  instance: string;
}

export function processIdentity(app: string): ProcessIdentity {
  return { app, instance: `${app}@${hostname()}:${process.pid}` };
}

/** A registry whose every series is labelled with the process, plus Node's default metrics. */
export function createProcessRegistry(identity: ProcessIdentity): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: identity.app, instance: identity.instance });
  collectDefaultMetrics({ register: registry });
  return registry;
}
