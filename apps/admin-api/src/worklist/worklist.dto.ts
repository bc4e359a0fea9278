import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CLEARANCE_STATUSES, ClearanceStatus, PRIORITIES, Priority } from '@app/contract';
import { WORKLIST_STATUSES } from '@app/policy';
import { IdPageQuery } from '../common/paging';

export class WorklistQuery extends IdPageQuery {
  @ApiPropertyOptional({ enum: WORKLIST_STATUSES })
  @IsOptional()
  @IsIn(WORKLIST_STATUSES)
  status?: ClearanceStatus;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ description: 'UN/LOCODE of the entry location (5 characters)', example: 'IDCGK' })
  @IsOptional()
  @Matches(/^[A-Z]{2}[A-Z2-9]{3}$/, { message: 'entryLocation must be a UN/LOCODE: 5 characters, e.g. IDCGK' })
  entryLocation?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only items an officer holds; false: only free ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  claimed?: 'true' | 'false';
}

export class WorklistClaimView {
  @ApiProperty({ description: '`apikey:<id>` of the officer' }) claimedBy: string;
  @ApiProperty() claimedAt: string;
  @ApiProperty({ description: 'The claim lapses then unless renewed (claimed again)' }) expiresAt: string;
  @ApiProperty({ description: 'Whether the caller holds it' }) mine: boolean;
}

export class ServiceLevelView {
  @ApiProperty({
    enum: ['NO_TARGET', 'NOT_ARRIVED', 'ON_TIME', 'BREACHED'],
    description: 'Against the release target from arrival of its priority and cold chain (SERVICE_LEVELS)',
  })
  state: 'NO_TARGET' | 'NOT_ARRIVED' | 'ON_TIME' | 'BREACHED';
  @ApiProperty({ nullable: true, type: Number }) thresholdMinutes: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Arrival plus the threshold' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the breach alert was raised (once per shipment)' })
  alertRaisedAt: string | null;
}

export class WorklistItemView {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status: ClearanceStatus;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty() coldChain: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String }) entryLocation: string | null;
  @ApiProperty({ nullable: true, type: String }) transportMode: string | null;
  @ApiProperty({ nullable: true, type: String }) consigneeName: string | null;
  @ApiProperty({ nullable: true, type: String }) estimatedArrival: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) arrivedAt: string | null;
  @ApiProperty({ description: 'When the shipment entered the open status (or run of open statuses) it is in' }) waitingSince: string;
  @ApiProperty({ description: 'Minutes since waitingSince (whole minutes)' }) dwellMinutes: number;
  @ApiProperty({ nullable: true, type: WorklistClaimView }) claim: WorklistClaimView | null;
  @ApiProperty({ type: ServiceLevelView }) serviceLevel: ServiceLevelView;
}

export class WorklistPage {
  @ApiProperty({ type: [WorklistItemView] }) items: WorklistItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class WorklistClaimResult {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ nullable: true, type: WorklistClaimView, description: 'The claim now in force; null after a release' })
  claim: WorklistClaimView | null;
}
