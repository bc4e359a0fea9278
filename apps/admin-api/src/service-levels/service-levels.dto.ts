import { ApiProperty } from '@nestjs/swagger';
import { CLEARANCE_STATUSES, ClearanceStatus, PRIORITIES, Priority } from '@app/contract';

export class ServiceLevelThresholdView {
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({ nullable: true, type: Boolean, description: 'true: cold-chain goods only; false: others only; null: both' })
  coldChain: boolean | null;
  @ApiProperty({ description: 'Release within this many minutes of arrival' }) minutes: number;
}

export class ServiceLevelAlertView {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty() coldChain: boolean;
  @ApiProperty() thresholdMinutes: number;
  @ApiProperty() arrivedAt: string;
  @ApiProperty() raisedAt: string;
  @ApiProperty({ enum: CLEARANCE_STATUSES, description: "The shipment's status now" }) status: ClearanceStatus;
}

export class ServiceLevelsView {
  @ApiProperty({ type: [ServiceLevelThresholdView], description: 'SERVICE_LEVELS as configured' })
  thresholds: ServiceLevelThresholdView[];
  @ApiProperty({ type: [ServiceLevelAlertView], description: 'Alerts raised in the window, newest first (at most 200)' })
  alerts: ServiceLevelAlertView[];
}
