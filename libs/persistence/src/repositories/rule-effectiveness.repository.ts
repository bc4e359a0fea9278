import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RuleSelectionCounts } from '@app/policy/operators/rule-effectiveness';

/** Rule effectiveness counts, computed by PostgreSQL from the decisions and examinations. */
@Injectable()
export class RuleEffectivenessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Per ruleset version and rule id: shipments the rule fired on in an engine decision taken in
   * [from, to), how many of them were examined, found something, or were released by an officer
   * without an examination.
   */
  async counts(from: Date, to: Date, rulesetVersion?: number): Promise<RuleSelectionCounts[]> {
    const rows: {
      ruleset_version: number;
      rule_id: string;
      selections: number;
      examined: number;
      with_findings: number;
      overrides: number;
    }[] = await this.dataSource.query(
      `WITH selected AS (
         SELECT DISTINCT d.shipment_id, d.ruleset_version, r ->> 'ruleId' AS rule_id
           FROM decisions d CROSS JOIN LATERAL jsonb_array_elements(d.reasons) AS r
          WHERE d.decided_by = 'ENGINE' AND d.decided_at >= $1 AND d.decided_at < $2
            AND d.ruleset_version IS NOT NULL AND ($3::int IS NULL OR d.ruleset_version = $3)
       ), examined AS (
         SELECT shipment_id, bool_or(outcome <> 'NO_FINDING') AS found FROM examinations GROUP BY shipment_id
       ), overridden AS (
         SELECT DISTINCT shipment_id FROM decisions WHERE decided_by LIKE 'OPERATOR:%' AND status IN ('PRE_CLEARED', 'RELEASED')
       )
       SELECT s.ruleset_version, s.rule_id,
              count(*)::int AS selections,
              count(e.shipment_id)::int AS examined,
              count(*) FILTER (WHERE e.found)::int AS with_findings,
              count(o.shipment_id) FILTER (WHERE e.shipment_id IS NULL)::int AS overrides
         FROM selected s
         LEFT JOIN examined e ON e.shipment_id = s.shipment_id
         LEFT JOIN overridden o ON o.shipment_id = s.shipment_id
        GROUP BY s.ruleset_version, s.rule_id`,
      [from, to, rulesetVersion ?? null],
    );
    return rows.map((r) => ({
      rulesetVersion: r.ruleset_version,
      ruleId: r.rule_id,
      selections: r.selections,
      examined: r.examined,
      withFindings: r.with_findings,
      overrides: r.overrides,
    }));
  }
}
