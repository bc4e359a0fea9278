import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest Prometheus metrics snapshot of one running process (prom-client JSON). */
@Entity({ name: 'process_metrics' })
export class ProcessMetricsRow {
  @PrimaryColumn({ name: 'process_id', type: 'varchar', length: 128 })
  processId: string;

  @Column({ type: 'varchar', length: 64 })
  app: string;

  @Column({ type: 'jsonb' })
  snapshot: object;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
