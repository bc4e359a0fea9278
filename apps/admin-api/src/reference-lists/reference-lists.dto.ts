import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { MAX_REFERENCE_LIST_ENTRIES, REFERENCE_LIST_NAMES, type ReferenceListName } from '@app/policy';

export class ReplaceReferenceListRequest {
  // Each entry is checked by the policy library (by list: HS code prefixes or manufacturer names), naming entries[i].
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_REFERENCE_LIST_ENTRIES, example: ['3002.41', '3002.20'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REFERENCE_LIST_ENTRIES)
  entries: unknown[];
}

export class ReferenceListView {
  @ApiProperty({ enum: REFERENCE_LIST_NAMES }) name: ReferenceListName;
  @ApiProperty({ type: [String] }) entries: string[];
  @ApiProperty({ nullable: true, type: String, description: 'null for a list never written' }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}
