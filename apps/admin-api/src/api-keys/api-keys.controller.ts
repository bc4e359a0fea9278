import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { ApiKeyPage, CreateApiKeyRequest, CreatedApiKey, IdParam } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  create(@Body() body: CreateApiKeyRequest, @Actor() actor: RequestActor): Promise<CreatedApiKey> {
    return this.apiKeys.create({ name: body.name, role: body.role, expiresAt: body.expiresAt, subscriberId: body.subscriberId, actor });
  }

  /** Keys not revoked, newest first, with their expiry. */
  @Get()
  @ApiOkResponse({ type: ApiKeyPage })
  list(@Query() query: IdPageQuery): Promise<ApiKeyPage> {
    return this.apiKeys.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param() { id }: IdParam, @Actor() actor: RequestActor): Promise<void> {
    return this.apiKeys.revoke(id, actor);
  }
}
