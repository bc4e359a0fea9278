import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKey, IdParam } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  create(@Body() body: CreateApiKeyRequest, @Actor() actor: RequestActor): Promise<CreatedApiKey> {
    return this.apiKeys.create(body.name, body.role, actor);
  }

  @Get()
  list(): Promise<ApiKeyView[]> {
    return this.apiKeys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param() { id }: IdParam, @Actor() actor: RequestActor): Promise<void> {
    return this.apiKeys.revoke(id, actor);
  }
}
