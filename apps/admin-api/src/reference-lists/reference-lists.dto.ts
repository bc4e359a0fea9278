import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { MAX_REFERENCE_LIST_ENTRIES, REFERENCE_LIST_NAMES, type ReferenceListName } from '@app/policy';

export class ReplaceReferenceListRequest {
  // Each entry is checked by the policy library (by list: HS code prefixes, manufacturer names or
  // event sources), naming entries[i]; only `arrival-sources` may be empty.
  @ApiProperty({ type: [String], maxItems: MAX_REFERENCE_LIST_ENTRIES, example: ['3002.41', '3002.20'] })
  @IsArray()
  @ArrayMaxSize(MAX_REFERENCE_LIST_ENTRIES)
  entries: unknown[];
}

export class ReferenceListView {
  @ApiProperty({ enum: REFERENCE_LIST_NAMES }) name: ReferenceListName;
  @ApiProperty({ type: [String] }) entries: string[];
  @ApiProperty({ nullable: true, type: String, description: 'null for a list never written' }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}
