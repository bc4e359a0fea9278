import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { EXAMINATION_OUTCOMES, ExaminationOutcome } from '@app/policy';
import { ClearanceStatusView, ExaminationView } from '../shipments/shipments.dto';

export class RecordExaminationRequest {
  @ApiProperty({
    enum: EXAMINATION_OUTCOMES,
    description: 'FALSIFIED or SEIZED holds the shipment (HELD), and it stays HELD',
  })
  @IsIn(EXAMINATION_OUTCOMES)
  outcome: ExaminationOutcome;

  @ApiProperty({
    description: 'What the officer found (or checked and found in order); internal to customs',
    minLength: 1,
    maxLength: 4000,
  })
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, { message: 'findings must not be blank' })
  findings: string;

  @ApiProperty({ description: 'Whether the goods were examined at a temperature-controlled facility (cold chain)' })
  @IsBoolean()
  temperatureControlledFacility: boolean;

  @ApiPropertyOptional({ description: 'How many units the officer counted', minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  quantityChecked?: number;
}

export class RecordedExaminationView {
  @ApiProperty({ type: ExaminationView }) examination: ExaminationView;
  @ApiProperty({
    type: ClearanceStatusView,
    nullable: true,
    description: 'The new status when the result held the shipment (FALSIFIED or SEIZED found it not HELD yet); null otherwise',
  })
  statusChange: ClearanceStatusView | null;
}
