import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ExaminationsController } from './examinations.controller';
import { RecordExaminationService } from './record-examination.service';

@Module({
  imports: [ShipmentsModule],
  controllers: [ExaminationsController],
  providers: [RecordExaminationService],
})
export class ExaminationsModule {}
