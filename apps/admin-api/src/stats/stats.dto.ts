import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
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
}
