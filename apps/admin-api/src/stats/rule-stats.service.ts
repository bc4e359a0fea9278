import { Injectable } from '@nestjs/common';
import { RuleEffectivenessRepository, RulesetRepository } from '@app/persistence';
import { ruleEffectiveness } from '@app/policy';
import { ReleaseTimeStatsService } from './release-time-stats.service';
import { RuleStatsView } from './stats.dto';

/** How well each rule targets: selections, examinations, findings, hit rate and overrides, beside the random sample's. */
@Injectable()
export class RuleStatsService {
  constructor(
    private readonly counts: RuleEffectivenessRepository,
    private readonly rulesets: RulesetRepository,
    private readonly releaseTimes: ReleaseTimeStatsService,
  ) {}

  async ruleStats(query: { from?: string; to?: string; rulesetVersion?: number }): Promise<RuleStatsView> {
    const { from, to } = this.releaseTimes.window(query);
    const counts = await this.counts.counts(from, to, query.rulesetVersion);
    const versions = query.rulesetVersion ? [query.rulesetVersion] : [...new Set(counts.map((c) => c.rulesetVersion))];
    const rows = await Promise.all(versions.map((version) => this.rulesets.findByVersion(version)));
    const rulesets = rows.flatMap((row) => (row ? [{ version: row.version, document: row.document }] : []));
    return { from: from.toISOString(), to: to.toISOString(), rulesets: ruleEffectiveness(counts, rulesets) };
  }
}
