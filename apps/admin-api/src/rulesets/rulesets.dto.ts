import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PRIORITIES, type Priority } from '@app/contract';
import { OUTCOME_SEVERITY, type RuleOutcome, type RulesetDocument } from '@app/policy';

export const MAX_DRY_RUN_LIMIT = 1000;
export const DEFAULT_DRY_RUN_LIMIT = 100;

export class RulesetVersionParam {
  // Up to 9 digits: always within the integer column, never a float or an injection string.
  @ApiProperty({ example: '2', description: 'A positive integer' })
  @Matches(/^[1-9][0-9]{0,8}$/, { message: 'version must be a positive integer' })
  version: string;
}

export class DryRunQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DRY_RUN_LIMIT, default: DEFAULT_DRY_RUN_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DRY_RUN_LIMIT)
  limit?: number;
}

export class RulesetView {
  @ApiProperty() version: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The admin other than the author who approved it (four eyes; needed before activation unless RULESET_FOUR_EYES=false); `migration` for versions older than the rule',
  })
  approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
}

export class RulesetPage {
  @ApiProperty({ type: [RulesetView] }) items: RulesetView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class RulesetDetailView extends RulesetView {
  @ApiProperty({ type: Object, description: 'The ruleset document: { description?, rules: [...] }' })
  document: RulesetDocument;
}

export class ActivationResult {
  @ApiProperty({ type: RulesetView }) ruleset: RulesetView;
  @ApiProperty({ nullable: true, type: Number, description: 'The version that was active before' })
  previousActiveVersion: number | null;
  @ApiProperty({ description: 'false when the version was already active (nothing changed)' })
  changed: boolean;
  @ApiProperty() message: string;
}

export class AssessedOutcome {
  @ApiProperty({ enum: OUTCOME_SEVERITY }) status: RuleOutcome;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({
    type: [String],
    description: 'Codes of the reasons the trade would read on the status topic (internal rules appear as CUSTOMS_CONTROL)',
    example: ['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'CUSTOMS_CONTROL', 'OUTCOME_HELD'],
  })
  publicReasonCodes: string[];
}

export class DryRunDifference {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ type: AssessedOutcome, description: 'Under the active ruleset' }) old: AssessedOutcome;
  @ApiProperty({ type: AssessedOutcome, description: 'Under the candidate version' }) new: AssessedOutcome;
}

export class DryRunCounts {
  @ApiProperty({
    description: 'Shipments per status under the active ruleset',
    example: { PRE_CLEARED: 90, DOCUMENT_CHECK: 10, INSPECTION_REQUIRED: 0, HELD: 0 },
  })
  current: Record<RuleOutcome, number>;
  @ApiProperty({ description: 'Shipments per status under the candidate version' })
  candidate: Record<RuleOutcome, number>;
}

export class DryRunResult {
  @ApiProperty() version: number;
  @ApiProperty() activeVersion: number;
  @ApiProperty({ description: 'Shipments re-decided' }) evaluated: number;
  @ApiProperty({ description: 'Shipments whose status, priority or reasons for the trade would differ' }) changed: number;
  @ApiProperty({ type: DryRunCounts }) counts: DryRunCounts;
  @ApiProperty({ type: [DryRunDifference] }) differences: DryRunDifference[];
}
