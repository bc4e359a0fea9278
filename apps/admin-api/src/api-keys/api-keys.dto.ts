import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { API_ROLES, ApiRole } from '@app/persistence';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'duty officer CGK terminal 2', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: API_ROLES })
  @IsIn(API_ROLES)
  role: ApiRole;
}

export class CreatedApiKey {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The key itself: shown this once, stored only as a hash' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_ROLES }) role: ApiRole;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_ROLES }) role: ApiRole;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
}

export class IdParam {
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a UUID' })
  id: string;
}
