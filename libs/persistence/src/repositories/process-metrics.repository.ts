import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessMetricsRow } from '../entities';

/** The latest metrics snapshot of each running process. */
@Injectable()
export class ProcessMetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async save(row: ProcessMetricsRow): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ProcessMetricsRow)
      .values(row)
      .orUpdate(['app', 'snapshot', 'updated_at'], ['process_id'])
      .execute();
  }

  /** Snapshots written since `since`: the processes that are alive. */
  async findFresh(since: Date): Promise<ProcessMetricsRow[]> {
    return this.dataSource.getRepository(ProcessMetricsRow).createQueryBuilder('m').where('m.updated_at >= :since', { since }).getMany();
  }

  async remove(processId: string): Promise<void> {
    await this.dataSource.getRepository(ProcessMetricsRow).delete({ processId });
  }
}
