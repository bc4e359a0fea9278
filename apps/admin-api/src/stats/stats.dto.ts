import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CLEARANCE_STATUSES, ClearanceStatus, Priority } from '@app/contract';
import { IsRfc3339DateTime } from '../common/rfc3339';

export class ReleaseTimesQuery {
  @ApiPropertyOptional({ description: 'Window start, inclusive (RFC 3339); default: 30 days before `to`', example: '2026-04-01T00:00:00Z' })
  @IsOptional()
  @IsRfc3339DateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'Window end, exclusive (RFC 3339); default: now. At most 366 days after `from`',
    example: '2026-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsRfc3339DateTime()
  to?: string;
}

export class PriorityReleaseTimesView {
  @ApiProperty({ description: 'Shipments released in the window' }) released: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median minutes from submission to release; null when none' }) p50Minutes:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) p90Minutes: number | null;
  @ApiProperty({ nullable: true, type: Number }) p99Minutes: number | null;
}

export class IntervalFiguresView {
  @ApiProperty({ description: 'Shipments the interval is known for' }) count: number;
  @ApiProperty({ nullable: true, type: Number }) p50Minutes: number | null;
  @ApiProperty({ nullable: true, type: Number }) p90Minutes: number | null;
  @ApiProperty({ nullable: true, type: Number }) p99Minutes: number | null;
}

export class ReleasedWithinView {
  @ApiProperty({ enum: [0, 15, 60, 240] }) minutes: number;
  @ApiProperty({ description: 'Released within this many minutes of arrival' }) count: number;
  @ApiProperty({ nullable: true, type: Number, description: 'count over the released that arrived; null when none arrived' })
  share: number | null;
}

export class ReleaseIntervalsView {
  @ApiProperty({ enum: ['all', 'priority', 'coldChain', 'transportMode', 'entryLocation'] }) dimension: string;
  @ApiProperty({ nullable: true, type: String, description: 'The group (CRITICAL, true, AIR, IDCGK, ...); null for all' }) key:
    string | null;
  @ApiProperty() released: number;
  @ApiProperty({ type: IntervalFiguresView, description: 'Minutes from the first accepted declaration to arrival' })
  submissionToArrival: IntervalFiguresView;
  @ApiProperty({ type: IntervalFiguresView, description: 'Minutes from arrival to release' }) arrivalToRelease: IntervalFiguresView;
  @ApiProperty({ type: [ReleasedWithinView] }) releasedWithin: ReleasedWithinView[];
}

export class StatusTimeView extends IntervalFiguresView {
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status: ClearanceStatus;
}

export class ReleaseTimesView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;

  @ApiProperty({
    description: 'CRITICAL, ESSENTIAL and STANDARD, always all three',
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(PriorityReleaseTimesView) },
  })
  byPriority: Record<Priority, PriorityReleaseTimesView>;

  @ApiProperty({
    description: `Shipments created in the window by their current status (${CLEARANCE_STATUSES.join(', ')}; 0 when none)`,
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  countsByStatus: Record<ClearanceStatus, number>;

  @ApiProperty({
    type: [ReleaseIntervalsView],
    description:
      'The Time Release Study cuts of the shipments released in the window: all, then by priority, cold chain, transport mode, entry location',
  })
  intervals: ReleaseIntervalsView[];

  @ApiProperty({ type: [StatusTimeView], description: 'Minutes spent in each status by the shipments released in the window' })
  timeInStatus: StatusTimeView[];
}

export class RuleStatsQuery extends ReleaseTimesQuery {
  @ApiPropertyOptional({ description: 'Only this ruleset version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  rulesetVersion?: number;
}

export class RuleEffectivenessView {
  @ApiProperty() ruleId: string;
  @ApiProperty() kind: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ description: 'Shipments the rule fired on in an engine decision in the window' }) selections: number;
  @ApiProperty({ description: 'Of those, shipments examined' }) examined: number;
  @ApiProperty({ description: 'Of those, shipments whose examination found something (not NO_FINDING)' }) withFindings: number;
  @ApiProperty({ nullable: true, type: Number, description: 'withFindings / examined; null when none was examined' }) hitRate:
    number | null;
  @ApiProperty({ description: 'Selections an officer released or pre-cleared without an examination' }) overrides: number;
  @ApiProperty({ description: 'Fewer than 30 examinations: the hit rate says little' }) smallSample: boolean;
}

export class RulesetEffectivenessView {
  @ApiProperty() rulesetVersion: number;
  @ApiProperty({ type: [RuleEffectivenessView], description: 'The rules that can select (those with an outcome), in the document order' })
  rules: RuleEffectivenessView[];
  @ApiProperty({ type: RuleEffectivenessView, nullable: true, description: "The random sample's figures: the unbiased baseline" })
  baseline: RuleEffectivenessView | null;
}

export class RuleStatsView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [RulesetEffectivenessView] }) rulesets: RulesetEffectivenessView[];
}

export class ShipmentCountsView {
  @ApiProperty({
    description: `Every shipment by its current status (${CLEARANCE_STATUSES.join(', ')}), then by priority; 0 when none`,
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
  })
  byStatusAndPriority: Record<ClearanceStatus, Record<Priority, number>>;
  @ApiProperty({ description: 'Totals per status', type: 'object', additionalProperties: { type: 'integer' } })
  byStatus: Record<ClearanceStatus, number>;
}
