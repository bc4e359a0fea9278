import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { REFERENCE_LIST_NAMES } from '@app/policy';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { ReferenceListView, ReplaceReferenceListRequest } from './reference-lists.dto';
import { ReferenceListsService } from './reference-lists.service';

@ApiTags('reference-lists')
@ApiBearerAuth()
@ApiParam({ name: 'name', enum: REFERENCE_LIST_NAMES })
@Controller('api/v1/reference-lists')
export class ReferenceListsController {
  constructor(private readonly lists: ReferenceListsService) {}

  @Get(':name')
  @RequireRole('viewer')
  get(@Param('name') name: string): Promise<ReferenceListView> {
    return this.lists.get(name);
  }

  @Put(':name')
  @RequireRole('admin')
  replace(
    @Param('name') name: string,
    @Body() body: ReplaceReferenceListRequest,
    @Actor() actor: RequestActor,
  ): Promise<ReferenceListView> {
    return this.lists.replace(name, body.entries, actor);
  }
}
