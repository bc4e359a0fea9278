import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { ExaminationPage, ShipmentIdParam } from '../shipments/shipments.dto';
import { RecordedExaminationView, RecordExaminationRequest } from './examinations.dto';
import { ShipmentQueries } from '../shipments/shipment-queries.service';
import { toExaminationView } from './examination-view';
import { RecordExaminationService } from './record-examination.service';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('api/v1/shipments/:id/examinations')
export class ExaminationsController {
  constructor(
    private readonly recorder: RecordExaminationService,
    private readonly queries: ShipmentQueries,
  ) {}

  /** Examination results, oldest first. */
  @Get()
  @RequireRole('viewer')
  @ApiOkResponse({ type: ExaminationPage })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  list(@Param() { id }: ShipmentIdParam, @Query() query: IdPageQuery): Promise<ExaminationPage> {
    return this.queries.examinations(id, query);
  }

  @Post()
  @RequireRole('operator')
  @ApiCreatedResponse({ type: RecordedExaminationView })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiConflictResponse({ description: 'The shipment is not open (DOCUMENT_CHECK, INSPECTION_REQUIRED or HELD)' })
  async record(
    @Param() { id }: ShipmentIdParam,
    @Body() body: RecordExaminationRequest,
    @Actor() actor: RequestActor,
  ): Promise<RecordedExaminationView> {
    const recorded = await this.recorder.record({
      shipmentId: id,
      outcome: body.outcome,
      findings: body.findings,
      temperatureControlledFacility: body.temperatureControlledFacility,
      quantityChecked: body.quantityChecked ?? null,
      actor,
    });
    return { examination: toExaminationView(recorded.examination), statusChange: recorded.statusChange };
  }
}
