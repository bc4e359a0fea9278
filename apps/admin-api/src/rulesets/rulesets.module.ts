import { Module } from '@nestjs/common';
import { ReferenceListsController } from '../reference-lists/reference-lists.controller';
import { ReferenceListsService } from '../reference-lists/reference-lists.service';
import { RulesetsController } from './rulesets.controller';
import { RulesetsService } from './rulesets.service';

/** The policy as operators manage it: ruleset versions and the reference lists the rules read. */
@Module({
  controllers: [RulesetsController, ReferenceListsController],
  providers: [RulesetsService, ReferenceListsService],
})
export class RulesetsModule {}
