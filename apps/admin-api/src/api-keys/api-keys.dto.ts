import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { API_ROLES, ApiRole } from '@app/persistence';
import { IsRfc3339DateTime } from '../common/rfc3339';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'duty officer CGK terminal 2', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: API_ROLES })
  @IsIn(API_ROLES)
  role: ApiRole;

  @ApiPropertyOptional({
    description: 'RFC 3339, in the future: the key is refused (401) from then on; absent: it does not expire',
    example: '2026-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsRfc3339DateTime()
  expiresAt?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Required with role `subscriber` (and only then): the subscriber the key acts for; it may read only its notifications and shipments',
  })
  @ValidateIf((o: CreateApiKeyRequest) => o.role === 'subscriber' || o.subscriberId !== undefined)
  @IsUUID('all', { message: 'subscriberId must be the UUID of a subscriber, given with role subscriber and only then' })
  subscriberId?: string;
}

export class CreatedApiKey {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The key itself: shown this once, stored only as a hash' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_ROLES }) role: ApiRole;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The subscriber a `subscriber` key acts for' }) subscriberId:
    string | null;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_ROLES }) role: ApiRole;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: the key does not expire' }) expiresAt: string | null;
  @ApiProperty({ description: 'The key has expired and is refused' }) expired: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The subscriber a `subscriber` key acts for' }) subscriberId:
    string | null;
}

export class ApiKeyPage {
  @ApiProperty({ type: [ApiKeyView] }) items: ApiKeyView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class IdParam {
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a UUID' })
  id: string;
}
